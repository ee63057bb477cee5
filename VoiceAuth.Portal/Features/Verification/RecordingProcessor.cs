using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Background worker: takes stored recordings (on a nudge, or every couple of seconds) and has each scored by
/// <see cref="RecordingScorer"/>; also runs the <see cref="SessionSweeper"/>. A few recordings are in the pipeline per
/// scoring slot (<see cref="ScoringGate"/>): while one is on the CPU the next is claimed and downloaded and the previous
/// one's result committed, so the engine does not wait for the database or the carrier.
/// Several portal instances may run it at once: each recording is claimed with an optimistic-concurrency lease.
/// </summary>
internal sealed partial class RecordingProcessor(
    IDbContextFactory<AppDbContext> dbFactory,
    RecordingSignal signal,
    RecordingScorer scorer,
    SessionSweeper sweeper,
    TimeProvider clock,
    ILogger<RecordingProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(2);
    // Longer than a slow engine takes (VoiceIt: a timeout and its retries), short enough to recover from a crash.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(45);
    private static readonly int InFlight = 3 * Capacity.ScoringSlots.Count;

    private readonly SemaphoreSlim free = new(InFlight, InFlight);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastHousekeeping = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await ClaimDueAsync(free.CurrentCount, stoppingToken);
                foreach (var id in claimed)
                {
                    await free.WaitAsync(stoppingToken);
                    _ = ScoreAsync(id, stoppingToken);
                }

                if (clock.GetUtcNow() - lastHousekeeping > TimeSpan.FromSeconds(10))
                {
                    lastHousekeeping = clock.GetUtcNow();
                    await sweeper.SweepAsync(stoppingToken);
                }

                if (claimed.Count == 0 || free.CurrentCount == 0)
                {
                    // Woken by a new recording, a finished one (a slot is free again), or the periodic sweep.
                    await signal.WaitAsync(Sweep, stoppingToken);
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

    private async Task ScoreAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield(); // off the claiming loop
            await scorer.ScoreAsync(id, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogScoringFailed(e); // the lease expires and the recording is tried again
        }
        finally
        {
            free.Release();
            signal.Signal();
        }
    }

    /// <summary>Claims due recordings by moving their next attempt past a lease; a conflicting claim means another worker has it.</summary>
    private async Task<List<long>> ClaimDueAsync(int capacity, CancellationToken cancellationToken)
    {
        if (capacity == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.Recordings.Where(r => r.Status == RecordingStatus.Pending && r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt).Take(capacity).ToListAsync(cancellationToken);
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

    public override void Dispose()
    {
        free.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The recording worker hit an error; retrying shortly.")]
    private partial void LogLoopFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scoring a recording failed; it will be tried again when its lease ends.")]
    private partial void LogScoringFailed(Exception e);
}
