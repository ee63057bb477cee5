using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Telephony;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Housekeeping the worker runs every few seconds: live sessions quiet for long are checked with the carrier (a lost
/// final callback must not block the person until expiry), sessions past their expiry become Expired (their call, if
/// any, is hung up), and recordings whose deletion at the carrier failed are deleted again.
/// </summary>
internal sealed partial class SessionSweeper(
    IDbContextFactory<AppDbContext> dbFactory,
    SessionChanges changes,
    ITelephony telephony,
    CarrierRecordings recordings,
    CallReconciler reconciler,
    TimeProvider clock,
    ILogger<SessionSweeper> logger)
{

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        List<Guid> expired;
        List<(long Id, string Sid)> undeleted;
        List<(Guid Id, string CallSid)> quiet;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            expired = await db.Sessions.Where(s => SessionStates.Live.Contains(s.State) && s.ExpiresAt < now)
                .OrderBy(s => s.ExpiresAt).Select(s => s.Id).Take(100).ToListAsync(cancellationToken);
            undeleted = (await db.Recordings.Where(r => r.Status != RecordingStatus.Pending && !r.DeletedAtCarrier)
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.RecordingSid }).Take(100).ToListAsync(cancellationToken))
                .Select(r => (r.Id, r.RecordingSid)).ToList();
            var quietSince = now - CallReconciler.QuietBeforeSweeping;
            quiet = (await db.Sessions.Where(s => SessionStates.Live.Contains(s.State) && s.ExpiresAt >= now && s.CallSid != null && !s.CallEnded
                    && s.StateChangedAt < quietSince)
                .OrderBy(s => s.StateChangedAt).Select(s => new { s.Id, s.CallSid }).Take(20).ToListAsync(cancellationToken))
                .Select(s => (s.Id, s.CallSid!)).ToList();
        }

        foreach (var (id, callSid) in quiet)
        {
            await reconciler.ReconcileAsync(id, callSid, cancellationToken);
        }

        foreach (var id in expired)
        {
            var callSid = await changes.ApplyAsync(id, c =>
            {
                if (c.Session.IsFinal)
                {
                    return Task.FromResult<string?>(null);
                }

                c.MoveTo(SessionState.Expired);
                return Task.FromResult(c.Session.CallEnded ? null : c.Session.CallSid);
            }, null, cancellationToken);
            if (callSid is not null)
            {
                await telephony.HangUpAsync(callSid, cancellationToken);
            }
        }

        foreach (var (id, sid) in undeleted)
        {
            await recordings.DeleteAsync(id, sid, cancellationToken);
        }

        if (expired.Count > 0)
        {
            LogExpired(expired.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} stale sessions.")]
    private partial void LogExpired(int count);
}
