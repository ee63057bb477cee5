using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Telephony.Twilio;

/// <summary>
/// Section <c>Twilio</c>. With <see cref="AccountSid"/> and <see cref="AuthToken"/> empty the portal talks to its
/// built-in emulator instead (same SDK calls, same signed webhooks).
/// </summary>
public sealed partial class TwilioOptions
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }

    /// <summary>Secret: user-secrets or the <c>Twilio__AuthToken</c> environment variable, never appsettings.json.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The Twilio number calls come from (E.164).</summary>
    public string? FromNumber { get; set; }

    /// <summary>
    /// The address Twilio uses to reach this portal (e.g. <c>https://voiceauth.example.com</c>); webhooks are
    /// signed over it, so behind a proxy it must be the public one. Required with real Twilio.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Seconds to let the phone ring.</summary>
    public int RingTimeoutSeconds { get; set; } = 30;

    /// <summary>Detect answering machines and end the call without recording (<c>Enable</c>, or empty to skip).</summary>
    public string? MachineDetection { get; set; } = "Enable";

    /// <summary>Hard cap on a call's length, in seconds.</summary>
    public int TimeLimitSeconds { get; set; } = 180;

    public bool IsEmulated => string.IsNullOrWhiteSpace(AccountSid) && string.IsNullOrWhiteSpace(AuthToken);

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    internal static partial Regex AccountSidPattern();

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    internal static partial Regex E164Pattern();
}

internal sealed class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions o)
    {
        List<string> failures = [];
        if (!o.IsEmulated)
        {
            if (string.IsNullOrWhiteSpace(o.AccountSid) || !TwilioOptions.AccountSidPattern().IsMatch(o.AccountSid))
            {
                failures.Add("Twilio:AccountSid must be AC followed by 32 hexadecimal characters.");
            }

            if (string.IsNullOrWhiteSpace(o.AuthToken))
            {
                failures.Add("Twilio:AuthToken is required when Twilio:AccountSid is set.");
            }

            if (string.IsNullOrWhiteSpace(o.FromNumber) || !TwilioOptions.E164Pattern().IsMatch(o.FromNumber))
            {
                failures.Add("Twilio:FromNumber must be your Twilio number in E.164 form, e.g. +15017122661.");
            }

            if (!Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add("Twilio:PublicBaseUrl must be the portal's public https address that Twilio can reach.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl) && !Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _))
        {
            failures.Add("Twilio:PublicBaseUrl must be an absolute URL.");
        }

        if (o.RingTimeoutSeconds is < 5 or > 600)
        {
            failures.Add("Twilio:RingTimeoutSeconds must be between 5 and 600.");
        }

        if (o.TimeLimitSeconds is < 30 or > 14400)
        {
            failures.Add("Twilio:TimeLimitSeconds must be between 30 and 14400.");
        }

        if (o.MachineDetection is { Length: > 0 } amd && amd is not ("Enable" or "DetectMessageEnd"))
        {
            failures.Add("Twilio:MachineDetection must be Enable, DetectMessageEnd or empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
