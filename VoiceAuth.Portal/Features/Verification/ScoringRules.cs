using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// What an engine's answer means for the call and the voiceprint: next recording, ask again, passed, failed,
/// locked. Runs inside a <see cref="SessionChange"/>, so it is re-run on fresh data after a conflict.
/// </summary>
internal sealed class ScoringRules(VoiceprintStore store, IOptionsMonitor<VerificationOptions> options, TimeProvider clock)
{
    public async Task<bool> ApplyAsync(SessionChange c, long recordingId, EngineOutcome outcome)
    {
        var recording = await c.Db.Recordings.SingleAsync(r => r.Id == recordingId);
        if (recording.Status != RecordingStatus.Pending)
        {
            return false; // applied already (another worker, or a retry after a crash)
        }

        recording.Status = outcome.Decision == BiometricDecision.Error && outcome.Voiceprint is null && outcome.Reason == ReasonCode.ServiceUnavailable
            ? RecordingStatus.Failed : RecordingStatus.Scored;
        recording.Decision = outcome.Decision;
        recording.Reason = outcome.Reason;
        recording.Score = outcome.Score;
        recording.Version++;

        var s = c.Session;
        var voiceprint = await c.Db.Voiceprints.SingleOrDefaultAsync(v => v.UserId == s.UserId);
        if (outcome.Voiceprint is not null)
        {
            voiceprint ??= c.Db.Voiceprints.Add(new Voiceprint { UserId = s.UserId, Engine = outcome.Voiceprint.Engine }).Entity;
            store.Protect(voiceprint, outcome.Voiceprint);
        }

        if (s.IsFinal || s.State != SessionState.Checking || recording.Step != s.Step)
        {
            return true; // the call moved on (expired, canceled): keep the engine's state, change nothing else
        }

        switch (outcome.Decision)
        {
            case BiometricDecision.Accepted when s.Purpose == SessionPurpose.Enroll:
                s.Reason = null;
                if (voiceprint is { IsComplete: true })
                {
                    // From now on the voice is this person's second factor at sign-in.
                    (await c.Db.Users.SingleAsync(u => u.Id == s.UserId)).TwoFactorEnabled = true;
                    c.MoveTo(SessionState.Passed);
                }
                else
                {
                    s.Step = (voiceprint?.EnrollmentCount ?? 0) + 1;
                    NextOrHungUp(c, SessionState.Recording);
                }

                break;
            case BiometricDecision.Accepted:
                s.Reason = ReasonCode.Ok;
                voiceprint!.ConsecutiveFailures = 0;
                c.MoveTo(SessionState.Passed, outcome.Score);
                break;
            case BiometricDecision.Rejected when s.Purpose == SessionPurpose.Verify:
                Rejected(c, voiceprint!, outcome);
                break;
            case BiometricDecision.Rejected or BiometricDecision.Retry:
                s.Retries++;
                s.Reason = outcome.Reason;
                NextOrHungUp(c, s.Retries > options.CurrentValue.MaxRetriesPerCall ? SessionState.Failed : SessionState.Recording);
                break;
            default:
                s.Reason = outcome.Reason;
                c.MoveTo(SessionState.Error);
                break;
        }

        return true;
    }

    private void Rejected(SessionChange c, Voiceprint voiceprint, EngineOutcome outcome)
    {
        var s = c.Session;
        var o = options.CurrentValue;
        s.Mismatches++;
        s.Reason = outcome.Reason;
        voiceprint.ConsecutiveFailures++;
        if (voiceprint.ConsecutiveFailures >= o.LockoutFailures)
        {
            voiceprint.LockedUntil = clock.GetUtcNow().AddMinutes(o.LockoutMinutes);
            voiceprint.ConsecutiveFailures = 0;
            s.Reason = ReasonCode.Locked;
            c.MoveTo(SessionState.Failed, outcome.Score);
            return;
        }

        if (s.Mismatches >= o.VerifyAttemptsPerCall)
        {
            c.MoveTo(SessionState.Failed, outcome.Score);
            return;
        }

        s.Score = outcome.Score;
        NextOrHungUp(c, SessionState.Recording);
    }

    /// <summary>Asks for another recording — unless the caller has already hung up.</summary>
    private static void NextOrHungUp(SessionChange c, SessionState next)
    {
        if (next == SessionState.Recording && c.Session.CallEnded)
        {
            c.Session.Reason = ReasonCode.HungUp;
            c.MoveTo(SessionState.Failed);
            return;
        }

        c.MoveTo(next);
    }
}
