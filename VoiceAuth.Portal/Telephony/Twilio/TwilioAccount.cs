namespace VoiceAuth.Portal.Telephony.Twilio;

/// <summary>
/// The credentials and number the portal actually uses: the configured Twilio account, or the built-in
/// emulator's when none is configured. Webhook signatures are checked with this <see cref="AuthToken"/>.
/// </summary>
public sealed record TwilioAccount(string AccountSid, string AuthToken, string FromNumber, bool IsEmulated)
{
    /// <summary>Where Twilio's REST API lives; the emulator is reached through the same address (see the "twilio" HttpClient).</summary>
    public const string ApiBase = "https://api.twilio.com";

    public override string ToString() => $"TwilioAccount {{ AccountSid = {AccountSid[..Math.Min(6, AccountSid.Length)]}…, IsEmulated = {IsEmulated} }}";
}
