using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Telemetry;

namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// Admission control for calls: refuses a call the portal could not finish — its recordings would wait in the
/// scoring queue past the phone flow's limit, and so would everyone else's. Without it, past the knee every caller
/// waits, every wait times out, and goodput falls to zero. The scoring time is measured (an exponentially weighted
/// mean of <c>voiceauth.scoring.duration</c>, read through a <see cref="MeterListener"/>), so a slower engine or a
/// busier machine lowers the limit by itself. New admissions also pass a ramp (<see cref="AdmissionRamp"/>): at most
/// the measured scoring rate per second, in bursts of at most <c>MaxQueueSeconds</c> of scoring, and only a few per
/// second before anything has been measured — a burst admitted at once would otherwise overrun the queue before it
/// showed in the queue's wait.
/// </summary>
public sealed class CallAdmission : IDisposable
{
    private const double Smoothing = 0.05;

    private readonly IOptionsMonitor<CapacityOptions> options;
    private readonly CapacityPeers peers;
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private readonly AdmissionRamp ramp;
    private readonly DeliveredRate delivered;
    private readonly WaitingLine line = new();
    private readonly TimeProvider clock;
    private double meanScoringSeconds;
    private long measured;
    private double meanPipelineSeconds;
    private long pipelined;
    private bool proven;
    private DateTimeOffset lastBusy;

    public CallAdmission(IOptionsMonitor<CapacityOptions> options, CapacityPeers? peers = null, TimeProvider? clock = null)
        : this(options, peers, clock, listen: true)
    {
    }

    /// <param name="listen">False in unit tests: only <see cref="Scored"/> feeds the estimate, not other tests' scorings.</param>
    internal CallAdmission(IOptionsMonitor<CapacityOptions> options, CapacityPeers? peers, TimeProvider? clock, bool listen)
    {
        this.options = options;
        this.peers = peers ?? new CapacityPeers();
        this.clock = clock ?? TimeProvider.System;
        ramp = new AdmissionRamp(this.clock);
        delivered = new DeliveredRate(clock ?? TimeProvider.System);
        meanScoringSeconds = options.CurrentValue.InitialScoringSeconds;
        if (!listen)
        {
            return;
        }

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

    /// <summary>
    /// Recordings per second this instance can score: what its engine scores (slots / mean engine time) or what its
    /// pipeline delivers (places in the pipeline / mean time a recording holds one — Little's law), whichever is
    /// lower. The engine alone over-promised: with the slot held only around the engine, the engine measured ~12 ms
    /// per recording (80 a second) while the pipeline, waiting on the database's write turns, the download and the
    /// carrier, delivered ~20 a second; admission planned on the 80 and 1000 enrollments failed "scoring took too long".
    /// Under load (the pipeline full) the pipeline's figure is the rate actually delivered, so a congested database
    /// lowers the limit by itself. Whatever holds recordings up before the pipeline (waiting to be claimed) is caught
    /// by the rate delivered while they queue (<see cref="DeliveredRate"/>), a ceiling on both.
    /// </summary>
    public double Throughput
    {
        get
        {
            lock (gate)
            {
                return Math.Min(Estimate(), delivered.Ceiling ?? double.MaxValue);
            }
        }
    }

    /// <summary>The engine's and the pipeline's figure, without the delivered-rate ceiling (caller holds the lock).</summary>
    private double Estimate()
    {
        var engine = ScoringSlots.Count / meanScoringSeconds;
        return pipelined == 0 ? engine : Math.Min(engine, ScoringSlots.PipelineDepth / meanPipelineSeconds);
    }

    /// <summary>Recordings per second delivered under a queue when that is lower than the estimate (<see cref="DeliveredRate"/>), else null.</summary>
    public double? DeliveredCeiling
    {
        get
        {
            lock (gate)
            {
                return delivered.Ceiling;
            }
        }
    }

    /// <summary>Recordings per second the engine alone could score (slots / mean engine time): for the benchmark's report.</summary>
    public double EngineThroughput
    {
        get
        {
            lock (gate)
            {
                return ScoringSlots.Count / meanScoringSeconds;
            }
        }
    }

    /// <summary>This instance's host (<c>Capacity:HostId</c>, else the machine's name): peers on it share its cores.</summary>
    public string HostId => options.CurrentValue.HostId is { Length: > 0 } id ? id : Environment.MachineName;

    /// <summary>Scoring times measured so far (until the first, the throughput is <c>InitialScoringSeconds</c>'s assumption).</summary>
    public long Measured => Interlocked.Read(ref measured);

    /// <summary>
    /// Recordings per second all live instances together can score: this one's and its peers' (heartbeats), each
    /// host counted once (<see cref="CapacityPeers.Cluster"/>).
    /// </summary>
    public double ClusterThroughput => peers.Cluster(HostId, Throughput);

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
    /// With <paramref name="caller"/> (who asks: a user id), a place capacity has for someone goes to those this
    /// instance turned away earlier first (<see cref="WaitingLine"/>).
    /// </summary>
    public TimeSpan? Refuse(int liveCalls, TimeSpan queueWait = default, string? caller = null)
    {
        var o = options.CurrentValue;
        if (!o.Enabled)
        {
            return null;
        }

        var (retryAfter, plan, rampRate) = Decide(o, liveCalls, queueWait);
        if (caller is null)
        {
            return retryAfter;
        }

        var perSecond = rampRate ?? RampRate(o, liveCalls, plan); // refused before the ramp: still the pace of the line
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var ahead = line.Ahead(caller, now);
            if (retryAfter is null)
            {
                // Room for this caller now and for those ahead of them: the places free now and a second of the ramp's
                // (they come back about when told, in order, below). A full bucket means the people ahead are not
                // coming back: then whoever asks takes the place rather than leave it empty.
                if (ramp.WasFull || ahead < Math.Min(plan - liveCalls, ramp.Tokens + 1) + perSecond)
                {
                    line.Admitted(caller);
                    return null;
                }

                ramp.Return();
                retryAfter = RampRetry(o);
            }

            // Come back about when their turn comes: told all the same Retry-After, the people refused in one burst came
            // back in one burst and most of it met an empty bucket (a thousand callers got in at 4 a second).
            var turn = Math.Ceiling(ahead / Math.Max(perSecond, 0.1));
            retryAfter = TimeSpan.FromSeconds(Math.Clamp(turn, retryAfter.Value.TotalSeconds, 120));
            line.Refused(caller, now, retryAfter.Value);
            return retryAfter;
        }
    }

    /// <summary>
    /// The decision without the waiting line, with the plan it was made on and, when it reached the ramp, the ramp's rate.
    /// </summary>
    private (TimeSpan? RetryAfter, int Plan, double? RampRate) Decide(CapacityOptions o, int liveCalls, TimeSpan queueWait)
    {
        var atPlan = liveCalls >= 0.9 * MaxLiveCalls;
        lock (gate)
        {
            delivered.Observe(queueWait, o.MaxQueueSeconds / 5, Estimate(), atPlan);
        }

        var plan = MaxLiveCalls;

        if (queueWait.TotalSeconds > o.MaxQueueSeconds)
        {
            return (TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(2 * queueWait.TotalSeconds), 5, 120)), plan, null);
        }

        if (liveCalls < plan)
        {
            var perSecond = RampRate(o, liveCalls, plan);
            return (Ramp(o, perSecond), plan, perSecond);
        }

        var callSeconds = 2 * o.SecondsPerRecording;
        var seconds = Math.Ceiling((liveCalls - plan + 1) * callSeconds / plan);
        return (TimeSpan.FromSeconds(Math.Clamp(seconds, 5, 120)), plan, null);
    }

    /// <summary>
    /// Null and one admission taken when the ramp has one; otherwise the time for the bucket to refill. Refilled at
    /// the rate at which calls end when the planned live calls are under way (this instance's share of
    /// <see cref="MaxLiveCalls"/> per call length, two recordings' worth of seconds), so at steady state it does not
    /// bind, and from idle the plan fills over about one call's length instead of in one second: a call's load (its
    /// recordings) comes ten to forty seconds after it is admitted, and in that time the measurements (engine,
    /// pipeline, the rate delivered while recordings queue) see the load grow before all of it is admitted. Bursts
    /// are capped at <c>MaxQueueSeconds</c> of that rate. Before any scoring has been measured the scoring rate is an
    /// assumption, so only <c>InitialAdmissionsPerSecond</c>.
    /// </summary>
    /// <remarks>
    /// Slow start: until the queue has once kept the worker busy (<see cref="DeliveredRate.EverBacklogged"/>) or half
    /// the plan has been under way at once, the plan rests on the engine's speed measured on a quiet machine, which
    /// under full load was twice what was delivered (the calls benchmark at 1000 callers: 993 calls admitted in 20 s
    /// on a plan of 1109, then 12 s queues). So until then the bucket fills at half the rate, one second's worth at a
    /// time, and the measurements catch up with the load before much more than it is admitted. Half the plan ends it
    /// too: at half the rate the calls under way level off near half the plan, so a load that never queues would
    /// otherwise never leave it.
    /// </remarks>
    private TimeSpan? Ramp(CapacityOptions o, double perSecond)
    {
        lock (gate)
        {
            var depth = measured == 0 || proven ? perSecond * o.MaxQueueSeconds : perSecond;
            if (ramp.TryTake(perSecond, depth))
            {
                return null;
            }
        }

        return RampRetry(o);
    }

    /// <summary>About when the bucket has refilled: coming back sooner would meet the same burst.</summary>
    private static TimeSpan RampRetry(CapacityOptions o) => TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(o.MaxQueueSeconds), 5, 120));

    /// <summary>The ramp's refill rate (new calls a second) with <paramref name="liveCalls"/> under way on <paramref name="plan"/>; ends the slow start when due.</summary>
    private double RampRate(CapacityOptions o, int liveCalls, int plan)
    {
        // Every instance runs its own bucket: its share of the cluster's plan.
        var callsEndPerSecond = plan / (2 * o.SecondsPerRecording) / (peers.Count + 1);
        bool isProven;
        lock (gate)
        {
            // After a quiet spell (under a tenth of the plan for as long as a ceiling holds) the plan rests on the
            // engine's quiet speed again: the next crowd (the morning's first sign-ins) starts slowly, as the first did.
            var now = clock.GetUtcNow();
            if (liveCalls >= plan / 10 || lastBusy == default)
            {
                lastBusy = now;
            }
            else if (proven && now - lastBusy > DeliveredRate.Hold)
            {
                (proven, lastBusy) = (false, now);
                delivered.ForgetBacklog();
            }

            isProven = proven |= delivered.EverBacklogged || liveCalls >= plan / 2;
        }

        return Measured == 0 ? o.InitialAdmissionsPerSecond
            : Math.Max(o.InitialAdmissionsPerSecond, isProven ? callsEndPerSecond : callsEndPerSecond / 2);
    }

    internal void Scored(double seconds)
    {
        lock (gate)
        {
            // The first measurements replace the assumption (a plain mean until there are 1 / Smoothing of them), so a
            // fresh instance on a slow machine stops planning on InitialScoringSeconds after its first recording.
            measured++;
            meanScoringSeconds += Math.Max(Smoothing, 1.0 / measured) * (Math.Max(seconds, 0.001) - meanScoringSeconds);
        }
    }

    /// <summary>
    /// A recording left the scoring pipeline after <paramref name="seconds"/> in it (claimed to committed: database
    /// turns, download, waiting for and using an engine slot, carrier delete).
    /// </summary>
    public void Pipelined(double seconds)
    {
        lock (gate)
        {
            delivered.Completed();
            pipelined++;
            meanPipelineSeconds += Math.Max(Smoothing, 1.0 / pipelined) * (Math.Max(seconds, 0.001) - meanPipelineSeconds);
        }
    }

    public void Dispose() => listener.Dispose();
}
