using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Background worker: takes stored recordings (on a nudge, or every couple of seconds), has each scored by
/// <see cref="RecordingScorer"/>, deletes finished recordings at the carrier, and expires stale sessions. Several
/// portal instances may run it at once: each recording is claimed with an optimistic-concurrency lease.
/// </summary>
internal sealed partial class RecordingProcessor(
    IDbContextFactory<AppDbContext> dbFactory,
    RecordingSignal queue,
    RecordingScorer scorer,
    SessionSweeper sweeper,
    TimeProvider clock,
    ILogger<RecordingProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastHousekeeping = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await ClaimDueAsync(stoppingToken);
                await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken },
                    async (id, ct) => await scorer.ScoreAsync(id, ct));

                if (clock.GetUtcNow() - lastHousekeeping > TimeSpan.FromSeconds(10))
                {
                    lastHousekeeping = clock.GetUtcNow();
                    await sweeper.SweepAsync(stoppingToken);
                }

                if (claimed.Count == 0)
                {
                    await queue.WaitAsync(Sweep, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException)
            {
                LogLoopFailed(e);
                await Task.Delay(Sweep, stoppingToken);
            }
        }
    }

    /// <summary>Claims due recordings by moving their next attempt past a lease; a conflicting claim means another worker has it.</summary>
    private async Task<List<long>> ClaimDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.Recordings.Where(r => r.Status == RecordingStatus.Pending && r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt).Take(32).ToListAsync(cancellationToken);
        List<long> claimed = [];
        foreach (var recording in due)
        {
            recording.NextAttemptAt = now + Lease;
            recording.Attempts++;
            recording.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                claimed.Add(recording.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(recording).State = EntityState.Detached;
            }
        }

        return claimed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The recording worker hit an error; retrying shortly.")]
    private partial void LogLoopFailed(Exception e);
}
