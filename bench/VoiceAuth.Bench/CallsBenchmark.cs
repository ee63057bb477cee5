using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Realtime;

namespace VoiceAuth.Bench;

/// <summary>
/// Emulated calls end to end: each scripted person enrolls (three takes) and then verifies (one take), while a
/// SignalR client follows each session like an open page. Measures TwiML latency as the emulator ("Twilio") saw
/// it, seconds on the phone per call, and the delay from a decision to its arrival at the SignalR client.
/// </summary>
internal static class CallsBenchmark
{
    private const int MaxAttempts = 20;

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var corpus = await BenchCorpus.LoadAsync(args.Corpus);
        using var redis = args.Instances > 1 ? await RedisProcess.StartAsync() : null;
        using var first = new BenchPortal(args.TimeScale, redis: redis?.ConnectionString).Started();
        // The others start once the first has created the database; each person uses one instance throughout.
        var portals = new List<BenchPortal> { first };
        for (var i = 1; i < args.Instances; i++)
        {
            portals.Add(new BenchPortal(args.TimeScale, first, redis!.ConnectionString).Started());
        }

        using var others = new Disposables(portals.Skip(1));
        var portal = first;

        // Warm-up, not measured: a portal that has run for a while has its code compiled and optimised (tiered
        // JIT) and its caches filled; the first seconds of a fresh process measure the JIT, not the portal.
        if (args.Warmup > 0)
        {
            var warm = new CallMetrics();
            portal.Emulator.ObserveWebhooks(warm.Webhook);
            await RunPeopleAsync(portals, corpus, warm, first: 1_000_000, people: args.Warmup / 2, args.Concurrency);
        }

        var loadBefore = LoadAverage();
        var metrics = new CallMetrics();
        portal.Emulator.ObserveWebhooks(metrics.Webhook);
        ServerTimings.Samples.Clear();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var measuredFrom = DateTimeOffset.UtcNow;
        // Thread-pool queue: work waiting for a thread delays every webhook, commit and claim alike.
        using var sampling = new CancellationTokenSource();
        long maxPending = 0, maxThreads = 0, pendingSum = 0, samples = 0;
        var watched = first.Services.GetRequiredService<VoiceAuth.Portal.Capacity.CallAdmission>();
        var (minPlan, maxPlan, minCeiling) = (int.MaxValue, 0, double.MaxValue);
        // --trace: one line a second of what admission saw and decided, to see how the plan follows the load.
        await using var trace = args.Trace is { } path ? new StreamWriter(path) : null;
        trace?.WriteLine("seconds,admitted,refused,completed,live_calls,queue_wait_s,plan,throughput,engine,ceiling");
        var load = first.Services.GetRequiredService<CallLoad>();
        var traceClock = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                if (trace is not null && samples % 10 == 0)
                {
                    var (live, wait) = await load.ReadAsync(CancellationToken.None);
                    var (a, r, c) = metrics.Counts;
                    trace.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{traceClock.Elapsed.TotalSeconds:F1},{a},{r},{c},{live},{wait.TotalSeconds:F1},{watched.MaxLiveCalls},{watched.Throughput:F1},{watched.EngineThroughput:F1},{watched.DeliveredCeiling?.ToString("F1", CultureInfo.InvariantCulture) ?? ""}"));
                }

                maxPending = Math.Max(maxPending, ThreadPool.PendingWorkItemCount);
                pendingSum += ThreadPool.PendingWorkItemCount;
                samples++;
                maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                var plan = watched.MaxLiveCalls; // the first instance's plan as the run goes (the end figure is idle)
                (minPlan, maxPlan) = (Math.Min(minPlan, plan), Math.Max(maxPlan, plan));
                minCeiling = Math.Min(minCeiling, watched.DeliveredCeiling ?? double.MaxValue);
                await Task.Delay(100);
            }
        });
        using var stages = new PipelineStages();
        stages.Start();
        var clock = Stopwatch.StartNew();
        await RunPeopleAsync(portals, corpus, metrics, first: 0, people: args.Calls / 2, args.Concurrency);
        clock.Stop();
        stages.Stop();
        sampling.Cancel();
        await sampler;

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var result = metrics.Summary(args.Calls, clock.Elapsed);
        result["time_scale"] = args.TimeScale;
        result["cpu_cores_busy"] = Math.Round(cpu / clock.Elapsed, 2);
        // The whole process (portal, emulator, scripted callers): less sensitive than goodput to other work on the machine.
        result["cpu_ms_per_completed_call"] = Math.Round(cpu.TotalMilliseconds / Math.Max(1, (int)result["calls_completed"]), 1);
        result["load_average_before"] = loadBefore;
        result["load_average_after"] = LoadAverage();
        result["instances"] = portals.Count;
        result["threadpool_pending_max"] = maxPending;
        result["threadpool_pending_mean"] = Math.Round(pendingSum / (double)Math.Max(1, samples), 1);
        result["threadpool_threads_max"] = maxThreads;
        result["admission_max_live_calls_during_run"] = $"{minPlan}-{maxPlan}";
        result["admission_delivered_ceiling_min"] = minCeiling == double.MaxValue ? "none" : Math.Round(minCeiling, 1).ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in stages.Summary(clock.Elapsed))
        {
            result[name] = value;
        }

        foreach (var (name, value) in await ClaimLagAsync(first, measuredFrom))
        {
            result[name] = value;
        }

        var admissions = portals.Select(p => p.Services.GetRequiredService<VoiceAuth.Portal.Capacity.CallAdmission>()).ToList();
        // Each instance plans on the live calls all of them can carry: its own throughput plus its peers' heartbeats.
        result["admission_max_live_calls"] = string.Join(" / ", admissions.Select(a => a.MaxLiveCalls));
        // Own: the lower of the engine's rate and the pipeline's (Little's law); peers: what other hosts add (a host counts once).
        result["admission_recordings_per_second"] = string.Join(" / ", admissions.Select(a => $"{a.Throughput:F1} own (engine {a.EngineThroughput:F1}) + {a.ClusterThroughput - a.Throughput:F1} peers"));
        Console.WriteLine(args.Json
            ? JsonSerializer.Serialize(result)
            : string.Join(Environment.NewLine, result.Select(kv => $"{kv.Key,-28} {kv.Value}")));
        return 0;
    }

    /// <summary>
    /// How long stored recordings waited before the scoring worker claimed them (their last claim set NextAttemptAt to
    /// claim time + the 45 s lease): the queue in front of the pipeline, which the pipeline's own times do not show.
    /// </summary>
    private static async Task<Dictionary<string, object>> ClaimLagAsync(BenchPortal portal, DateTimeOffset from)
    {
        var factory = portal.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<VoiceAuth.Portal.Data.AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Recordings.Where(r => r.CreatedAt >= from).Select(r => new { r.CreatedAt, r.NextAttemptAt, r.Attempts }));
        var lags = rows.Where(r => r.Attempts == 1).Select(r => (r.NextAttemptAt - TimeSpan.FromSeconds(45) - r.CreatedAt).TotalMilliseconds).ToList();
        return new()
        {
            ["claim_lag_p50_ms"] = Math.Round(Percentiles.Of(lags, 50), 1),
            ["claim_lag_p99_ms"] = Math.Round(Percentiles.Of(lags, 99), 1),
            ["claim_lag_max_ms"] = Math.Round(lags.DefaultIfEmpty().Max(), 1),
            ["recordings_claimed_more_than_once"] = rows.Count(r => r.Attempts > 1),
        };
    }

    /// <summary>The 1-minute load average (Linux): how busy the machine was with other work too.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    private static async Task RunPeopleAsync(List<BenchPortal> portals, BenchCorpus corpus, CallMetrics metrics, int first, int people, int concurrency)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(concurrency, people)).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < people)
            {
                await PersonAsync(portals[n % portals.Count], corpus, metrics, first + n);
            }
        });
        await Task.WhenAll(workers);
    }

    private sealed class Disposables(IEnumerable<IDisposable> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }

    /// <summary>One person: enroll, then verify, followed by one SignalR connection as their open page would be.</summary>
    private static async Task PersonAsync(BenchPortal portal, BenchCorpus corpus, CallMetrics metrics, int n)
    {
        try
        {
            var (userId, phone, cookie) = await portal.CreatePersonAsync(n);
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(portal.BaseAddress, VerificationHub.Path.TrimStart('/')), o => o.Headers["Cookie"] = cookie)
                .Build();
            var follower = new SessionFollower(metrics);
            hub.On<SessionUpdate>("SessionUpdated", follower.Receive);
            await hub.StartAsync();

            // Turned away (or enrollment failed): the person does not go on to verify a voice that is not enrolled.
            if (!await CallAsync(portal, metrics, hub, follower, userId, phone, SessionPurpose.Enroll,
                    h => h.Speak(corpus.Enrollment[0]).Speak(corpus.Enrollment[1]).Speak(corpus.Enrollment[2])))
            {
                return;
            }

            await CallAsync(portal, metrics, hub, follower, userId, phone, SessionPurpose.Verify,
                h => h.Speak(corpus.Verification).Speak(corpus.Verification));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            metrics.Error($"person {n}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>One call; true when it was admitted and ended as expected.</summary>
    private static async Task<bool> CallAsync(BenchPortal portal, CallMetrics metrics, HubConnection hub, SessionFollower follower,
        string userId, string phone, SessionPurpose purpose, Func<ScriptedHandset, ScriptedHandset> script)
    {
        // The person keys the code the page shows (known once the start returns), then speaks.
        var shown = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var line = portal.Emulator.Handsets.Register(phone,
            script(new ScriptedHandset().PressDigits(_ => shown.Task.Wait(TimeSpan.FromSeconds(60)) ? shown.Task.Result : "")));
        var started = await portal.Services.GetRequiredService<VerificationService>().StartAsync(userId, purpose, CancellationToken.None);
        // At capacity the portal refuses before the phone rings and says when to come back: a person does, a few times.
        for (var attempt = 1; started.RetryAfter is { } retryAfter && attempt <= MaxAttempts; attempt++)
        {
            metrics.Refused();
            await Task.Delay(retryAfter);
            started = await portal.Services.GetRequiredService<VerificationService>().StartAsync(userId, purpose, CancellationToken.None);
        }

        if (started.SessionId is not null)
        {
            metrics.Admitted();
        }

        if (started.SessionId is not { } id)
        {
            shown.TrySetResult("");
            if (started.RetryAfter is not null)
            {
                metrics.GaveUp(); // still "busy" after MaxAttempts: turned away before the phone rang, not an error
            }
            else
            {
                metrics.Error($"{purpose} refused: {started.Message}");
            }

            return false;
        }

        shown.TrySetResult(started.Code ?? "");

        var final = follower.Expect(id);
        foreach (var update in await hub.InvokeAsync<List<SessionUpdate>>("Join", id, 0))
        {
            follower.Receive(update);
        }

        var outcome = await final.WaitAsync(TimeSpan.FromSeconds(120));
        var call = portal.Emulator.Calls.LastOrDefault(c => c.To == phone);
        return metrics.Completed(purpose, outcome, call);
    }
}
