using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>The audit entry for a call that reached its final state (a completed enrollment is the voiceprint's enrollment).</summary>
internal static class CallAudit
{
    public static AuditEvent Ended(VerificationSession session) =>
        new(session is { Purpose: SessionPurpose.Enroll, State: SessionState.Passed } ? AuditKind.VoiceprintEnrolled : AuditKind.CallEnded,
            session.UserId, session.State.ToString())
        {
            ScoreBand = ScoreBands.Describe(session.Score),
            Application = session.Client,
            // Written on the carrier's webhook or by the scorer: the address is the call's requester's, not the request's.
            Ip = session.RequestedFrom,
            Detached = true,
            Detail = $"{session.Purpose}{(session.ForSignIn ? " for sign-in" : "")}{(session.Reason is { } reason ? $": {reason}" : "")}",
        };
}
