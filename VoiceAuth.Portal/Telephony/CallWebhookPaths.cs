namespace VoiceAuth.Portal.Telephony;

/// <summary>
/// Where a placed call's webhooks go, per session (paths relative to the public base URL). Set by the slice that
/// maps those routes — Verification — so that Telephony places calls without naming another slice's routes.
/// </summary>
public sealed class CallWebhookPaths
{
    /// <summary>The voice webhook Twilio requests when the call is answered.</summary>
    public Func<Guid, string> Answer { get; set; } = _ => throw new InvalidOperationException("No slice has set CallWebhookPaths.Answer.");

    /// <summary>Where Twilio posts the call's status callbacks.</summary>
    public Func<Guid, string> Status { get; set; } = _ => throw new InvalidOperationException("No slice has set CallWebhookPaths.Status.");
}
