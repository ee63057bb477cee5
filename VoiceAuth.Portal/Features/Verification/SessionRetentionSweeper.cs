using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Deletes the call history past <c>Verification:RetentionDays</c>: finished sessions with their progress events
/// and recording rows (the database cascades them), hourly, in small batches so the write lock is never held long.
/// Never deleted: a call still under way; the session a person's call slot points at (their latest call); a session
/// whose recording the carrier may still hold (not yet deleted there: the sweeper keeps trying). Nothing else needs
/// old sessions: the call limits look back one day (the retention is at least two), lockout lives on the
/// voiceprint, and the audit trail keeps its own copy of who was called when.
/// </summary>
internal sealed partial class SessionRetentionSweeper(
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<VerificationOptions> options,
    TimeProvider clock,
    ILogger<SessionRetentionSweeper> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        var cutoff = clock.GetUtcNow().AddDays(-days);
        var total = 0;
        int deleted;
        do
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var batch = db.Sessions
                .Where(s => s.CreatedAt < cutoff && !SessionStates.Live.Contains(s.State))
                .Where(s => !db.CallSlots.Any(slot => slot.SessionId == s.Id))
                .Where(s => !db.Recordings.Any(r => r.SessionId == s.Id && !r.DeletedAtCarrier))
                .OrderBy(s => s.CreatedAt).Select(s => s.Id).Take(BatchSize);
            deleted = await db.WriteAsync(() => db.Sessions.Where(s => batch.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken), cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);

        if (total > 0)
        {
            LogSwept(total, days);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} finished sessions older than {Days} days.")]
    private partial void LogSwept(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session retention sweep failed; it runs again in an hour.")]
    private partial void LogSweepFailed(Exception exception);
}
