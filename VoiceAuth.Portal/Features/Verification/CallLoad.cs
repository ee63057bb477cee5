using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// The load admission control weighs: live calls (every instance's: the database's count) and how long the oldest
/// recording due for scoring has waited. Read from the database at most every <see cref="Fresh"/> by one request
/// and shared by all the others in between, plus the calls this instance admitted since the read — so under
/// overload, when most requests are refused, a refusal costs no query at all.
/// </summary>
public sealed class CallLoad(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : IDisposable
{
    internal static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim reading = new(1, 1);
    private Snapshot? last;
    private int admittedSince;

    public async ValueTask<(int LiveCalls, TimeSpan QueueWait)> ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref last);
        if (snapshot is null || clock.GetUtcNow() - snapshot.ReadAt > Fresh)
        {
            await reading.WaitAsync(cancellationToken);
            try
            {
                snapshot = Volatile.Read(ref last);
                if (snapshot is null || clock.GetUtcNow() - snapshot.ReadAt > Fresh)
                {
                    // Reset before the read: a call admitted while it runs is counted twice for a moment, never missed.
                    Interlocked.Exchange(ref admittedSince, 0);
                    snapshot = await QueryAsync(cancellationToken);
                    Volatile.Write(ref last, snapshot);
                }
            }
            finally
            {
                reading.Release();
            }
        }

        var now = clock.GetUtcNow();
        return (snapshot.LiveCalls + Volatile.Read(ref admittedSince), snapshot.OldestDue is { } due && due < now ? now - due : TimeSpan.Zero);
    }

    /// <summary>A call was admitted: counted until the next read sees its session.</summary>
    public void Admitted() => Interlocked.Increment(ref admittedSince);

    private async Task<Snapshot> QueryAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var live = await db.Sessions.CountAsync(s => SessionStates.Live.Contains(s.State) && s.ExpiresAt > now, cancellationToken);
        var oldestDue = await db.Recordings.Where(r => r.Status == RecordingStatus.Pending && r.NextAttemptAt <= now)
            .MinAsync(r => (DateTimeOffset?)r.NextAttemptAt, cancellationToken);
        return new(now, live, oldestDue);
    }

    public void Dispose() => reading.Dispose();

    private sealed record Snapshot(DateTimeOffset ReadAt, int LiveCalls, DateTimeOffset? OldestDue);
}
