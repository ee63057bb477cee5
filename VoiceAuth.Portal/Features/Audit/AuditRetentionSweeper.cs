using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>
/// The one deletion path of the audit trail: entries older than Audit:RetentionDays, in small batches so the
/// write lock is never held long. The database's trigger allows only rows older than the retention floor.
/// </summary>
internal sealed partial class AuditRetentionSweeper(
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<AuditOptions> options,
    TimeProvider clock,
    ILogger<AuditRetentionSweeper> logger) : BackgroundService
{
    private const int BatchSize = 1000;

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
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var total = 0;
        int deleted;
        do
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var batch = db.Set<AuditEntry>().Where(e => e.At < cutoff).OrderBy(e => e.Id).Select(e => e.Id).Take(BatchSize);
            deleted = await db.WriteAsync(() => db.Set<AuditEntry>().Where(e => batch.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken), cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);

        if (total > 0)
        {
            LogSwept(total, options.Value.RetentionDays);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} audit entries older than {Days} days.")]
    private partial void LogSwept(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit retention sweep failed; it runs again in an hour.")]
    private partial void LogSweepFailed(Exception exception);
}
