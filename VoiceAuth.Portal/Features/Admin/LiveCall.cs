using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>
/// A call in progress as the live-calls page shows it: who, the masked number, and where the call stands. Never the
/// full number, the call code, a score or a recording.
/// </summary>
public sealed record LiveCall(
    Guid SessionId,
    string? Email,
    string MaskedPhone,
    SessionPurpose Purpose,
    string? Client,
    SessionState State,
    int Step,
    int StepsNeeded,
    int Sequence,
    DateTimeOffset StartedAt,
    DateTimeOffset ChangedAt)
{
    /// <summary>This call after <paramref name="update"/>; an update older than what is shown changes nothing.</summary>
    public LiveCall Apply(SessionUpdate update) => update.Sequence <= Sequence
        ? this
        : this with { State = update.State, Step = update.Step, StepsNeeded = update.StepsNeeded, Sequence = update.Sequence, ChangedAt = update.At };

    /// <summary>The step in a few words: calling, ringing, answered, recording 2 of 3, checking….</summary>
    public string StepText => State switch
    {
        SessionState.Created or SessionState.Calling => "Calling",
        SessionState.Ringing => "Ringing",
        SessionState.Answered => "Answered, waiting for the code",
        SessionState.Recording when StepsNeeded > 1 => $"Recording {Math.Max(Step, 1)} of {StepsNeeded}",
        SessionState.Recording => "Recording",
        SessionState.Checking => "Checking…",
        _ => State.ToString(),
    };
}
