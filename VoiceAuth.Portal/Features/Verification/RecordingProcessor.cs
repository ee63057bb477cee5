using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Capacity;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Telemetry;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Background worker: takes stored recordings (on a nudge, or every couple of seconds) and has each scored by
/// <see cref="RecordingScorer"/>; also runs the <see cref="SessionSweeper"/>. A few recordings are in the pipeline per
/// scoring slot (<see cref="ScoringSlots.PipelineDepth"/>, <see cref="ScoringGate"/>): while one is on the CPU the next
/// ones are claimed and downloaded and earlier ones' results committed, so the engine does not wait for the database
/// or the carrier. The time each recording spends in the pipeline goes to admission control (<see cref="CallAdmission.Pipelined"/>).
/// Several portal instances may run it at once: each recording is claimed with an optimistic-concurrency lease.
/// </summary>
internal sealed partial class RecordingProcessor(
    IDbContextFactory<AppDbContext> dbFactory,
    RecordingSignal signal,
    RecordingScorer scorer,
    SessionSweeper sweeper,
    CallAdmission admission,
    TimeProvider clock,
    ILogger<RecordingProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(2);
    // Longer than a slow engine takes (VoiceIt: a timeout and its retries), short enough to recover from a crash.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(45);
    private static readonly int InFlight = ScoringSlots.PipelineDepth;

    private readonly SemaphoreSlim free = new(InFlight, InFlight);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Housekeeping runs beside the claiming loop, not in it: a sweep makes carrier calls and database writes one
        // after another (up to a hundred deletes, twenty reconciliations), each waiting for a write turn under load,
        // and stored recordings are not claimed while it runs.
        var housekeeping = HousekeepAsync(stoppingToken);
        await ClaimLoopAsync(stoppingToken);
        await housekeeping;
    }

    private async Task HousekeepAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Yield(); // then the claiming loop starts at once
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException)
            {
                LogLoopFailed(e);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ClaimLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var asked = clock.GetTimestamp();
                var claimed = await ClaimDueAsync(free.CurrentCount, stoppingToken);
                if (claimed.Count > 0)
                {
                    VoiceAuthTelemetry.Staged("claim", clock.GetElapsedTime(asked));
                }

                foreach (var id in claimed)
                {
                    await free.WaitAsync(stoppingToken);
                    _ = ScoreAsync(id, stoppingToken);
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
        var started = clock.GetTimestamp();
        try
        {
            await Task.Yield(); // off the claiming loop
            await scorer.ScoreAsync(id, cancellationToken);
            admission.Pipelined(clock.GetElapsedTime(started).TotalSeconds);
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

    /// <summary>
    /// Claims due recordings by moving their next attempt past a lease, all in one save (one database write turn,
    /// not one per recording: the turns are shared with every webhook). A conflict means another instance claimed
    /// one of them: then one save per recording, keeping those that are still free.
    /// </summary>
    private async Task<List<long>> ClaimDueAsync(int capacity, CancellationToken cancellationToken)
    {
        if (capacity == 0)
        {
            return [];
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var due = await DueAsync(db, capacity, cancellationToken);
            due.ForEach(Claim);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return due.Select(r => r.Id).ToList();
            }
            catch (DbUpdateConcurrencyException)
            {
                // Rolled back as a whole; sort it out one by one below.
            }
        }

        await using var single = await dbFactory.CreateDbContextAsync(cancellationToken);
        List<long> claimed = [];
        foreach (var recording in await DueAsync(single, capacity, cancellationToken))
        {
            Claim(recording);
            try
            {
                await single.SaveChangesAsync(cancellationToken);
                claimed.Add(recording.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                single.Entry(recording).State = EntityState.Detached;
            }
        }

        return claimed;
    }

    private Task<List<CallRecording>> DueAsync(AppDbContext db, int capacity, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.Recordings.Where(r => r.Status == RecordingStatus.Pending && r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt).Take(capacity).ToListAsync(cancellationToken);
    }

    private void Claim(CallRecording recording)
    {
        recording.NextAttemptAt = clock.GetUtcNow() + Lease;
        recording.Attempts++;
        recording.Version++;
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
