namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// The scoring rate actually delivered while recordings were queueing — throughput measured under the load the
/// instance really gets, whatever limits it (the engine, the database's write turns, the carrier, a machine busy with
/// other work or other instances on the same cores). While the oldest due recording has waited at least a fifth of
/// <c>Capacity:MaxQueueSeconds</c> for a whole window, the worker is never idle, so the recordings it finished in
/// that window are what it can finish: that rate becomes a ceiling on the estimate. A window without such a queue
/// raises the ceiling by a twentieth (the queue may have cleared because fewer calls came, not because more could be
/// scored), until it no longer limits. Not thread-safe: the caller holds its lock.
/// </summary>
internal sealed class DeliveredRate(TimeProvider clock)
{
    internal static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private const double Relax = 1.05;

    private long completed;
    private long windowCompleted;
    private DateTimeOffset windowStart;
    private bool open;
    private bool backlogged;

    /// <summary>Recordings per second delivered under a queue, when that limits the estimate; null otherwise.</summary>
    public double? Ceiling { get; private set; }

    public void Completed() => completed++;

    /// <summary>Notes the queue's wait now; closes the window after <see cref="Window"/>. <paramref name="estimate"/>: the engine's and pipeline's figure.</summary>
    public void Observe(TimeSpan queueWait, double backloggedSeconds, double estimate)
    {
        var now = clock.GetUtcNow();
        if (!open || now - windowStart > 5 * Window)
        {
            // First look, or nobody asked for a while: what happened in between is unknown.
            (open, windowStart, windowCompleted, backlogged) = (true, now, completed, queueWait.TotalSeconds >= backloggedSeconds);
            return;
        }

        backlogged &= queueWait.TotalSeconds >= backloggedSeconds;
        var elapsed = (now - windowStart).TotalSeconds;
        if (elapsed < Window.TotalSeconds)
        {
            return;
        }

        var rate = (completed - windowCompleted) / elapsed;
        if (backlogged)
        {
            Ceiling = Ceiling is { } c ? (c + rate) / 2 : rate;
        }
        else if (Ceiling is { } c)
        {
            Ceiling = c * Relax >= estimate ? null : c * Relax;
        }

        (windowStart, windowCompleted, backlogged) = (now, completed, queueWait.TotalSeconds >= backloggedSeconds);
    }
}
