namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// A token bucket on new admissions (see <see cref="CallAdmission"/>): the live-call limit says how many calls the
/// scorer can carry, not how fast they may start. Calls admitted in the same second record in step a few seconds
/// later, and their recordings arrive as one wave; the bucket spreads a burst out so that the wave is at most what
/// the scorer clears in <c>Capacity:MaxQueueSeconds</c>. Not thread-safe: the caller holds its lock.
/// </summary>
internal sealed class AdmissionRamp(TimeProvider clock)
{
    private double tokens = double.NaN; // full on first use
    private DateTimeOffset last;
    private double lastDepth = 1;

    /// <summary>Takes one admission if the bucket (refilled at <paramref name="perSecond"/>, holding at most <paramref name="depth"/>) has one.</summary>
    public bool TryTake(double perSecond, double depth)
    {
        var now = clock.GetUtcNow();
        depth = Math.Max(1, depth);
        lastDepth = depth;
        tokens = double.IsNaN(tokens) ? depth : Math.Min(depth, tokens + Math.Max(0, (now - last).TotalSeconds) * perSecond);
        last = now;
        if (tokens < 1)
        {
            return false;
        }

        tokens--;
        return true;
    }

    /// <summary>Admissions left in the bucket now (after the last take).</summary>
    public double Tokens => double.IsNaN(tokens) ? 0 : tokens;

    /// <summary>The bucket was full before the last take: admissions have gone unused for a while.</summary>
    public bool WasFull => tokens + 1 >= lastDepth;

    /// <summary>Gives back an admission taken for a caller who was then not admitted (<see cref="WaitingLine"/>).</summary>
    public void Return() => tokens = double.IsNaN(tokens) ? tokens : tokens + 1;
}
