using VoiceAuth.Portal.Biometrics;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// One step of a session's progress as pushed to pages and API clients (over SignalR) and replayed on reconnect.
/// Carries a plain-words <see cref="Message"/> so every client explains it the same way, and until the call is past
/// it, the <see cref="Code"/> the person keys on the phone.
/// </summary>
public sealed record SessionUpdate(
    Guid SessionId,
    int Sequence,
    SessionPurpose Purpose,
    SessionState State,
    int Step,
    int StepsNeeded,
    string? ScoreBand,
    ReasonCode? Reason,
    string Message,
    bool IsFinal,
    DateTimeOffset At,
    string? Code = null)
{
    public static SessionUpdate From(VerificationSession session, SessionEvent e) => new(
        session.Id, e.Sequence, session.Purpose, e.State, e.Step, e.StepsNeeded, ScoreBands.Describe(e.Score), e.Reason,
        SessionText.Describe(session.Purpose, e.State, e.Step, e.StepsNeeded, e.Reason), e.State >= SessionState.Passed, e.At,
        CodeFor(session, e.State));

    /// <summary>The code to key on the phone, shown only while the call waits for it (it is worthless afterwards).</summary>
    public static string? CodeFor(VerificationSession session, SessionState state) => state < SessionState.Recording ? session.CallCode : null;
}

/// <summary>Scores are shown as bands, not numbers: the exact figure helps an attacker tune a replay more than it helps the person.</summary>
public static class ScoreBands
{
    public static string? Describe(int? score) => score switch
    {
        null => null,
        >= 85 => "strong",
        >= 70 => "good",
        >= 50 => "weak",
        _ => "no match",
    };
}
