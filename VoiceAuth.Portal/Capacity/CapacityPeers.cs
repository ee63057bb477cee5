namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// What the other live instances can score, in recordings per second, and on which host, as their last heartbeats
/// said (see <c>ScaleOut/RedisCapacityHeartbeat</c>). Empty for a single instance. Any instance scores any recording
/// (the work items are in the shared database), so admission control adds the hosts' capacities up — each host once:
/// instances on one host (or one Kubernetes node without CPU limits) share its cores, and each measures what those
/// cores score, so two of them do not score twice as much. A host's figure is the mean of its instances' figures.
/// </summary>
public sealed class CapacityPeers
{
    private IReadOnlyList<Peer> peers = [];

    /// <summary>One other instance's last heartbeat.</summary>
    public sealed record Peer(string Host, double Throughput);

    /// <summary>The other live instances.</summary>
    public int Count => Volatile.Read(ref peers).Count;

    /// <summary>What the other instances' hosts score, each host once (zero alone).</summary>
    public double Throughput => Cluster(string.Empty, 0);

    public void Update(IReadOnlyList<Peer> latest) => Volatile.Write(ref peers, latest);

    /// <summary>
    /// Recordings per second the cluster scores: this instance (<paramref name="host"/>, <paramref name="own"/>) and
    /// its peers, each host counted once at the mean of its instances' figures.
    /// </summary>
    public double Cluster(string host, double own)
    {
        var all = Volatile.Read(ref peers).Select(p => (p.Host, Throughput: Math.Max(0, p.Throughput)));
        if (host.Length > 0)
        {
            all = all.Append((host, own));
        }

        return all.GroupBy(p => p.Host, StringComparer.OrdinalIgnoreCase).Sum(h => h.Average(p => p.Throughput));
    }
}
