namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// The scoring rate actually delivered while recordings were queueing — throughput measured under the load the
/// instance really gets, whatever limits it (the engine, the database's write turns, the carrier, a machine busy with
/// other work or other instances on the same cores). While the oldest due recording has waited at least a fifth of
/// <c>Capacity:MaxQueueSeconds</c> for a whole window, the worker is never idle, so the recordings it finished in
/// that window are what it can finish: that rate becomes a ceiling on the estimate.
/// </summary>
/// <remarks>
/// The ceiling is raised only by probing: a window without a queue while admissions are held at the plan (the calls
/// under way fill it) raises it by a fiftieth, until it no longer limits. A queue that cleared because fewer calls
/// came proves nothing about a larger load, so then the ceiling stays (for <see cref="Hold"/>). Relaxing it whenever
/// the queue was short let the plan swing back to the engine's speed on a quiet machine (twice the rate delivered
/// under load, measured in the calls benchmark): the next wave of callers was admitted on that figure and queued.
/// Not thread-safe: the caller holds its lock.
/// </remarks>
internal sealed class DeliveredRate(TimeProvider clock)
{
    internal static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>How long a ceiling holds without a queue while the plan is not in use: about a burst of callers' return.</summary>
    internal static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The probe per window: +2 %, about +10 % in ten seconds — slower than a call's load shows (its recordings come
    /// ten to forty seconds after it is admitted), so the probe cannot overshoot much before the queue answers it.
    /// </summary>
    private const double Relax = 1.02;

    private long completed;
    private long windowCompleted;
    private DateTimeOffset windowStart;
    private DateTimeOffset lastBacklog;
    private bool open;
    private bool backlogged;
    private bool binding;

    /// <summary>Recordings per second delivered under a queue, when that limits the estimate; null otherwise.</summary>
    public double? Ceiling { get; private set; }

    /// <summary>Whether the queue has ever held the worker busy for a whole window: until then the plan is the estimate's, unproven.</summary>
    public bool EverBacklogged { get; private set; }

    public void Completed() => completed++;

    /// <summary>After a long quiet spell: the load that once queued says nothing about the next one.</summary>
    public void ForgetBacklog() => EverBacklogged = false;

    /// <summary>
    /// Notes the queue's wait now; closes the window after <see cref="Window"/>. <paramref name="estimate"/>: the
    /// engine's and pipeline's figure; <paramref name="atPlan"/>: the calls under way fill the plan (admissions are held by it).
    /// </summary>
    public void Observe(TimeSpan queueWait, double backloggedSeconds, double estimate, bool atPlan)
    {
        var now = clock.GetUtcNow();
        if (!open || now - windowStart > 5 * Window)
        {
            // First look, or nobody asked for a while: what happened in between is unknown.
            (open, windowStart, windowCompleted, backlogged, binding) = (true, now, completed, queueWait.TotalSeconds >= backloggedSeconds, atPlan);
            return;
        }

        backlogged &= queueWait.TotalSeconds >= backloggedSeconds;
        binding |= atPlan;
        var elapsed = (now - windowStart).TotalSeconds;
        if (elapsed < Window.TotalSeconds)
        {
            return;
        }

        var rate = (completed - windowCompleted) / elapsed;
        if (backlogged)
        {
            Ceiling = Ceiling is { } c ? (c + rate) / 2 : rate;
            (lastBacklog, EverBacklogged) = (now, true);
        }
        else if (Ceiling is { } c)
        {
            Ceiling = binding ? (c * Relax >= estimate ? null : c * Relax) : now - lastBacklog > Hold ? null : c;
        }

        (windowStart, windowCompleted, backlogged, binding) = (now, completed, queueWait.TotalSeconds >= backloggedSeconds, atPlan);
    }
}
