using VoiceAuth.Portal.Telephony;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Settles a session whose call the carrier has finished but whose final status callback never arrived (the portal
/// was down, the network dropped it): asks Twilio for the call's status and applies it as that callback would have.
/// Without this the session would hold the person's call slot until it expires, and they could not be called again.
/// </summary>
public sealed partial class CallReconciler(ITelephony telephony, StatusCallbacks callbacks, SessionChanges changes, ILogger<CallReconciler> logger)
{
    /// <summary>A live session unchanged for this long is worth asking the carrier about when the person asks for a new call.</summary>
    public static readonly TimeSpan QuietBeforeAsking = TimeSpan.FromSeconds(15);

    /// <summary>The sweeper asks about live sessions unchanged for this long (longer than any normal step of a call).</summary>
    public static readonly TimeSpan QuietBeforeSweeping = TimeSpan.FromSeconds(90);

    private static readonly HashSet<string> Over = ["completed", "busy", "no-answer", "failed", "canceled"];

    /// <summary>True when the session is now final (the carrier said the call is over and nothing is left to score).</summary>
    public async Task<bool> ReconcileAsync(Guid sessionId, string callSid, CancellationToken cancellationToken)
    {
        var status = await telephony.FetchCallStatusAsync(callSid, cancellationToken);
        if (status is null || !Over.Contains(status))
        {
            return false;
        }

        // Ranked after any callback Twilio could still send: the call is over, a late one changes nothing.
        await callbacks.ApplyAsync(sessionId, new TwilioRequest(callSid, status, null, null, null, null, null, int.MaxValue), cancellationToken);
        var final = await changes.ApplyAsync(sessionId, c => Task.FromResult(c.Session.IsFinal), true, cancellationToken);
        LogReconciled(status, final);
        return final;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A live session's call had ended at the carrier ({Status}) without a status callback; settled (final: {Final}).")]
    private partial void LogReconciled(string status, bool final);
}
