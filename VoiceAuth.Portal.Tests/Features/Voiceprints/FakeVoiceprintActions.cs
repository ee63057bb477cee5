using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Tests.Features.Voiceprints;

/// <summary>The page's backend as a test double: a settable overview, recorded actions, and a push channel.</summary>
public sealed class FakeVoiceprintActions : IVoiceprintActions
{
    private readonly Dictionary<Guid, Func<SessionUpdate, Task>> subscribers = [];

    public VoiceprintOverview Overview { get; set; } = Make(EnrollmentStatus.NotEnrolled);

    public List<SessionUpdate> Stored { get; } = [];

    public List<string> Calls { get; } = [];

    public StartResult NextStart { get; set; } = new(Guid.NewGuid(), null, null);

    public string? DeleteError { get; set; }

    public static VoiceprintOverview Make(EnrollmentStatus status, int count = 0, bool consented = true, string? engine = null,
        string? phone = "+12015550123", Guid? live = null, IReadOnlyList<AttemptRow>? history = null, bool emulated = false) =>
        new(phone, consented ? DateTimeOffset.UtcNow.AddDays(-1) : null, status, count, 3,
            status == EnrollmentStatus.Enrolled ? new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero) : null,
            engine ?? (status == EnrollmentStatus.NotEnrolled ? null : "local"), "local",
            status == EnrollmentStatus.Locked ? new DateTimeOffset(2026, 11, 25, 22, 30, 0, TimeSpan.Zero) : null,
            live, emulated, history ?? []);

    public static SessionUpdate Update(Guid session, int sequence, SessionState state, SessionPurpose purpose = SessionPurpose.Verify,
        int step = 1, int steps = 1, ReasonCode? reason = null, int? score = null) =>
        new(session, sequence, purpose, state, step, steps, ScoreBands.Describe(score), reason,
            SessionText.Describe(purpose, state, step, steps, reason), state >= SessionState.Passed, DateTimeOffset.UtcNow);

    public Task<VoiceprintOverview> GetOverviewAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(Overview);

    public Task RecordConsentAsync(string userId, CancellationToken cancellationToken)
    {
        Calls.Add("consent");
        Overview = Overview with { ConsentedAt = DateTimeOffset.UtcNow };
        return Task.CompletedTask;
    }

    public Task<StartResult> StartAsync(string userId, SessionPurpose purpose, CancellationToken cancellationToken)
    {
        Calls.Add($"start:{purpose}");
        return Task.FromResult(NextStart);
    }

    public Task CancelAsync(string userId, Guid sessionId, CancellationToken cancellationToken)
    {
        Calls.Add("cancel");
        return Task.CompletedTask;
    }

    public Task<string?> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        Calls.Add("delete");
        if (DeleteError is null)
        {
            Overview = Make(EnrollmentStatus.NotEnrolled);
        }

        return Task.FromResult(DeleteError);
    }

    public Task<IReadOnlyList<SessionUpdate>> GetUpdatesAsync(string userId, Guid sessionId, int afterSequence, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SessionUpdate>>(Stored.Where(u => u.SessionId == sessionId && u.Sequence > afterSequence).ToList());

    public IDisposable Subscribe(Guid sessionId, Func<SessionUpdate, Task> onUpdate)
    {
        subscribers[sessionId] = onUpdate;
        return new Unsubscriber(() => subscribers.Remove(sessionId));
    }

    /// <summary>Pushes a live step as the notifier would.</summary>
    public Task PushAsync(SessionUpdate update) =>
        subscribers.TryGetValue(update.SessionId, out var handler) ? handler(update) : Task.CompletedTask;

    public bool IsSubscribed(Guid sessionId) => subscribers.ContainsKey(sessionId);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
