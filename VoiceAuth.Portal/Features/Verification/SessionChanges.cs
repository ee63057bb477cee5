using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Telemetry;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Applies changes to sessions safely when webhooks, status callbacks and the scorer touch the same session at
/// once: optimistic concurrency (the session's Version), reload-and-reapply on conflict, and progress events
/// published only after they are committed — so a page never sees a step the database does not have.
/// </summary>
public sealed partial class SessionChanges(IDbContextFactory<AppDbContext> dbFactory, ISessionUpdatePublisher publisher, IAuditLog audit, TimeProvider clock, ILogger<SessionChanges> logger)
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

            var unit = new SessionChange(db, session, clock);
            var result = await change(unit);
            if (!db.ChangeTracker.HasChanges())
            {
                return result;
            }

            if (unit.Events.Any(e => e.State >= SessionState.Passed)) // reaching a final state is audited in the same save
            {
                var ended = CallAudit.Ended(session);
                audit.Add(db, unit.ByCurrentActor ? ended with { Detached = false, Ip = null } : ended);
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
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // The same conflict seen first as a duplicate event number: the save's event insert ran before its
                // versioned session update, and another change had taken that number (and the next version).
                if (!await ChangedSinceAsync(sessionId, session.Version - 1, cancellationToken))
                {
                    throw;
                }

                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
                continue;
            }

            foreach (var e in unit.Events)
            {
                using var push = VoiceAuthTelemetry.StartInSession("voiceauth.session.push", session.Id)?.SetTag("voiceauth.state", e.State.ToString());
                await publisher.PublishAsync(session.UserId, SessionUpdate.From(session, e));
                if (e.State >= SessionState.Passed)
                {
                    VoiceAuthTelemetry.SessionEnded(session.Purpose.ToString(), e.State.ToString(), e.Reason?.ToString());
                    LogEnded(session.Id, session.Purpose, e.State, e.Reason);
                }
            }

            return result;
        }
    }

    private async Task<bool> ChangedSinceAsync(Guid sessionId, int loadedVersion, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AnyAsync(s => s.Id == sessionId && s.Version != loadedVersion, cancellationToken);
    }

    public Task ApplyAsync(Guid sessionId, Action<SessionChange> change, CancellationToken cancellationToken) =>
        ApplyAsync(sessionId, c => { change(c); return Task.FromResult(true); }, false, cancellationToken);

    // What an operator reads first: how each call ended. The session id finds its trace (the trace id is the session id).
    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} ({Purpose}) ended: {State} ({Reason}).")]
    private partial void LogEnded(Guid sessionId, SessionPurpose purpose, SessionState state, ReasonCode? reason);
}
