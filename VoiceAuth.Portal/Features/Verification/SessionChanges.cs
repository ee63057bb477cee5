using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>One change to a session in progress: the loaded rows plus the progress events it will publish.</summary>
public sealed class SessionChange(AppDbContext db, VerificationSession session)
{
    private readonly List<SessionEvent> events = [];

    public AppDbContext Db { get; } = db;

    public VerificationSession Session { get; } = session;

    internal IReadOnlyList<SessionEvent> Events => events;

    /// <summary>Moves the session to <paramref name="state"/> and records the step for the page.</summary>
    public void MoveTo(SessionState state, int? score = null)
    {
        Session.State = state;
        Session.StateChangedAt = DateTimeOffset.UtcNow;
        if (score is not null)
        {
            Session.Score = score;
        }

        if (state >= SessionState.Passed)
        {
            Session.CompletedAt ??= DateTimeOffset.UtcNow;
        }

        Session.EventCount++;
        var e = new SessionEvent
        {
            SessionId = Session.Id,
            Sequence = Session.EventCount,
            State = state,
            Step = Session.Step,
            StepsNeeded = Session.StepsNeeded,
            Score = score,
            Reason = Session.Reason,
        };
        Db.SessionEvents.Add(e);
        events.Add(e);
    }
}

/// <summary>
/// Applies changes to sessions safely when webhooks, status callbacks and the scorer touch the same session at
/// once: optimistic concurrency (the session's Version), reload-and-reapply on conflict, and progress events
/// published only after they are committed — so a page never sees a step the database does not have.
/// </summary>
public sealed class SessionChanges(IDbContextFactory<AppDbContext> dbFactory, ISessionUpdatePublisher publisher, IAuditLog audit)
{
    private const int MaxAttempts = 8;

    /// <summary>Runs <paramref name="change"/> on the session; returns its result, or <paramref name="missing"/> if there is no such session.</summary>
    public async Task<T> ApplyAsync<T>(Guid sessionId, Func<SessionChange, Task<T>> change, T missing, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            if (session is null)
            {
                return missing;
            }

            var unit = new SessionChange(db, session);
            var result = await change(unit);
            if (!db.ChangeTracker.HasChanges())
            {
                return result;
            }

            if (unit.Events.Any(e => e.State >= SessionState.Passed)) // reaching a final state is audited in the same save
            {
                audit.Add(db, CallAudit.Ended(session));
            }

            session.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
                continue; // somebody else changed the session: reload and decide again on fresh data
            }

            foreach (var e in unit.Events)
            {
                await publisher.PublishAsync(session.UserId, SessionUpdate.From(session, e));
            }

            return result;
        }
    }

    public Task ApplyAsync(Guid sessionId, Action<SessionChange> change, CancellationToken cancellationToken) =>
        ApplyAsync(sessionId, c => { change(c); return Task.FromResult(true); }, false, cancellationToken);
}
