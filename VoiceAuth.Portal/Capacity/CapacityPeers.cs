namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// What the other live instances can score, in recordings per second, as their last heartbeats said (see
/// <c>ScaleOut/RedisCapacityHeartbeat</c>). Zero for a single instance. Any instance scores any recording (the work
/// items are in the shared database), so admission control adds this to the instance's own throughput.
/// </summary>
public sealed class CapacityPeers
{
    private double throughput;

    public double Throughput => Volatile.Read(ref throughput);

    public void Update(double recordingsPerSecond) => Volatile.Write(ref throughput, Math.Max(0, recordingsPerSecond));
}
