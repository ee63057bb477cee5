using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.Voiceprints;

/// <summary>Where a person's voiceprint stands, as the page shows it.</summary>
public enum EnrollmentStatus
{
    NotEnrolled,
    Enrolling,
    Enrolled,
    Locked,
}

/// <summary>One past call in the person's history (never audio).</summary>
/// <param name="Client">The application that asked for the call through the API, or null for this portal.</param>
public sealed record AttemptRow(DateTimeOffset At, SessionPurpose Purpose, SessionState Outcome, string? ScoreBand, string Explanation, string? Client = null);

/// <summary>Everything the voiceprint page needs to draw itself, in one read.</summary>
public sealed record VoiceprintOverview(
    string? Phone,
    DateTimeOffset? ConsentedAt,
    EnrollmentStatus Status,
    int EnrollmentCount,
    int RequiredEnrollments,
    DateTimeOffset? EnrolledAt,
    string? Engine,
    string ActiveEngine,
    DateTimeOffset? LockedUntil,
    Guid? LiveSessionId,
    bool CallsAreEmulated,
    IReadOnlyList<AttemptRow> History)
{
    /// <summary>The stored voiceprint was made by an engine other than the one in use: it must be made again.</summary>
    public bool EngineMismatch => Engine is not null && Engine != ActiveEngine;

    public bool HasVoiceprint => Engine is not null;
}

/// <summary>What the voiceprint page can do; the page talks to nothing else (so it can be tested on its own).</summary>
public interface IVoiceprintActions
{
    Task<VoiceprintOverview> GetOverviewAsync(string userId, CancellationToken cancellationToken);

    Task RecordConsentAsync(string userId, CancellationToken cancellationToken);

    Task<StartResult> StartAsync(string userId, SessionPurpose purpose, CancellationToken cancellationToken);

    Task CancelAsync(string userId, Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Deletes the voiceprint here and at its engine; a plain-words error, or null when done.</summary>
    Task<string?> DeleteAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The stored steps of one of the person's sessions after <paramref name="afterSequence"/> (catch-up).</summary>
    Task<IReadOnlyList<SessionUpdate>> GetUpdatesAsync(string userId, Guid sessionId, int afterSequence, CancellationToken cancellationToken);

    /// <summary>Live steps of a session as they are committed.</summary>
    IDisposable Subscribe(Guid sessionId, Func<SessionUpdate, Task> onUpdate);
}
