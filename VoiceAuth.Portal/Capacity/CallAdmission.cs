using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Telemetry;

namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// Admission control for calls: refuses a call the portal could not finish — its recordings would wait in the
/// scoring queue past the phone flow's limit, and so would everyone else's. Without it, past the knee every caller
/// waits, every wait times out, and goodput falls to zero. The scoring time is measured (an exponentially weighted
/// mean of <c>voiceauth.scoring.duration</c>, read through a <see cref="MeterListener"/>), so a slower engine or a
/// busier machine lowers the limit by itself.
/// </summary>
public sealed class CallAdmission : IDisposable
{
    private const double Smoothing = 0.05;

    private readonly IOptionsMonitor<CapacityOptions> options;
    private readonly CapacityPeers peers;
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private double meanScoringSeconds;

    public CallAdmission(IOptionsMonitor<CapacityOptions> options, CapacityPeers? peers = null)
    {
        this.options = options;
        this.peers = peers ?? new CapacityPeers();
        meanScoringSeconds = options.CurrentValue.InitialScoringSeconds;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == VoiceAuthTelemetry.Name && instrument.Name == VoiceAuthTelemetry.ScoringDurationName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => Scored(seconds));
        listener.Start();
    }

    /// <summary>Recordings per second this instance can score, from the measured mean.</summary>
    public double Throughput
    {
        get
        {
            lock (gate)
            {
                return ScoringSlots.Count / meanScoringSeconds;
            }
        }
    }

    /// <summary>Recordings per second all live instances together can score: this one's and its peers' (heartbeats).</summary>
    public double ClusterThroughput => Throughput + peers.Throughput;

    /// <summary>Live calls all instances together can carry to the end (compared with the live calls of all of them).</summary>
    public int MaxLiveCalls
    {
        get
        {
            var o = options.CurrentValue;
            return Math.Max(1, (int)(ClusterThroughput * o.SecondsPerRecording * o.Headroom));
        }
    }

    /// <summary>
    /// Null to admit a new call with <paramref name="liveCalls"/> under way and the oldest recording due for
    /// scoring waiting since <paramref name="queueWait"/>; otherwise how long to wait before asking again: about
    /// the time for enough calls to end to make room (a call lasts a few recordings), or for the queue to drain.
    /// </summary>
    public TimeSpan? Refuse(int liveCalls, TimeSpan queueWait = default)
    {
        var o = options.CurrentValue;
        var max = MaxLiveCalls;
        if (!o.Enabled)
        {
            return null;
        }

        if (queueWait.TotalSeconds > o.MaxQueueSeconds)
        {
            return TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(2 * queueWait.TotalSeconds), 5, 120));
        }

        if (liveCalls < max)
        {
            return null;
        }

        var callSeconds = 2 * o.SecondsPerRecording;
        var seconds = Math.Ceiling((liveCalls - max + 1) * callSeconds / max);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 5, 120));
    }

    internal void Scored(double seconds)
    {
        lock (gate)
        {
            meanScoringSeconds += Smoothing * (Math.Max(seconds, 0.001) - meanScoringSeconds);
        }
    }

    public void Dispose() => listener.Dispose();
}
