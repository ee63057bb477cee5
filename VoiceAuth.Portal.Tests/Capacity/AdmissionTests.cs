using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Capacity;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;

namespace VoiceAuth.Portal.Tests.Capacity;

public sealed class AdmissionTests : IDisposable
{
    private const string Key = "shop-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private readonly PhoneFlowHarness portal = new();

    public AdmissionTests()
    {
        portal.Settings["Api:Clients:0:Name"] = "shop";
        portal.Settings["Api:Clients:0:Key"] = Key;
        // A portal that can carry one live call: any measured throughput × 1 s × 0.01 % rounds down to the minimum, 1.
        // Any: the admission hears every scoring in this process (other tests' portals too, some with engines that
        // answer at once), and the fastest a scoring counts for is 1 ms; at 1 % such a neighbour made room for 20 calls.
        portal.Settings["Capacity:Enabled"] = "true";
        portal.Settings["Capacity:SecondsPerRecording"] = "1";
        portal.Settings["Capacity:Headroom"] = "0.0001";
    }

    [Fact]
    public async Task At_capacity_the_next_call_is_refused_before_the_phone_rings_with_503_and_Retry_After()
    {
        var first = await portal.CreateCallerAsync("first@example.com", enrolled: true);
        await portal.CreateCallerAsync("second@example.com", enrolled: true);
        var third = await portal.CreateCallerAsync("third@example.com", enrolled: true);
        await portal.StartAsync(first, SessionPurpose.Verify);

        var api = portal.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var response = await api.PostAsJsonAsync("/api/v1/verifications", new { email = "second@example.com" });
        var page = await portal.Services.GetRequiredService<VerificationService>().StartAsync(third, SessionPurpose.Verify, CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 5, 120);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Busy", problem.RootElement.GetProperty("reason").GetString());
        Assert.Null(page.SessionId);
        Assert.Equal($"VoiceAuth is busy. Try again in {page.RetryAfter!.Value.TotalSeconds:0} s.", page.Message);
        Assert.Single(portal.Telephony.Placed); // only the first call rang
    }

    [Fact]
    public void Slower_scoring_lowers_the_number_of_live_calls_admitted()
    {
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { InitialScoringSeconds = 0.03 }));
        var fast = admission.MaxLiveCalls;
        // Margins, not exact edges: the listener also hears scorings by other tests running in this process.
        Assert.Null(admission.Refuse(fast / 2));
        Assert.NotNull(admission.Refuse(fast * 2));

        for (var i = 0; i < 200; i++)
        {
            admission.Scored(0.3); // ten times slower: a busier machine or a slower engine
        }

        Assert.InRange(admission.MaxLiveCalls, 1, fast / 3);
        Assert.NotNull(admission.Refuse(fast / 2));
    }

    [Fact]
    public void A_scoring_queue_that_is_not_keeping_up_refuses_calls_whatever_the_estimate()
    {
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { MaxQueueSeconds = 5 }));

        Assert.Null(admission.Refuse(0, TimeSpan.FromSeconds(4)));
        Assert.Equal(TimeSpan.FromSeconds(12), admission.Refuse(0, TimeSpan.FromSeconds(6)));
    }

    [Fact]
    public void Switched_off_it_admits_every_call()
    {
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { Enabled = false }));
        Assert.Null(admission.Refuse(1_000_000, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Before_anything_is_measured_new_calls_ramp_up_a_few_per_second()
    {
        var clock = new ManualClock();
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { InitialAdmissionsPerSecond = 2, MaxQueueSeconds = 5 }), null, clock, listen: false);

        // A burst of MaxQueueSeconds × 2 = 10 is admitted, the 11th in the same second is not, whatever the live-call limit.
        Assert.True(admission.MaxLiveCalls > 100);
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(admission.Refuse(i));
        }

        Assert.Equal(TimeSpan.FromSeconds(5), admission.Refuse(10));

        clock.Advance(TimeSpan.FromSeconds(1)); // two more a second
        Assert.Null(admission.Refuse(10));
        Assert.Null(admission.Refuse(11));
        Assert.NotNull(admission.Refuse(12));
    }

    [Fact]
    public void Once_scoring_is_measured_the_ramp_fills_the_plan_over_two_call_lengths_until_a_queue_has_proven_it()
    {
        var clock = new ManualClock();
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { InitialAdmissionsPerSecond = 2, MaxQueueSeconds = 5, SecondsPerRecording = 13 }), null, clock, listen: false);
        admission.Scored(0.01); // the first measurement replaces the assumption at once: 100 recordings per second per slot
        Assert.Equal(ScoringSlots.Count / 0.01, admission.Throughput, 6);

        // Slow start: the plan rests on the engine's speed, unproven under load: half the rate at which calls would
        // end at the plan (a call: 2 × 13 s), one second's worth at a time.
        var rate = admission.MaxLiveCalls / 26.0;
        var live = 0;
        var burst = AdmitAll(admission, ref live);
        Assert.InRange(burst, (int)(rate / 2) - 1, (int)(rate / 2) + 1);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.InRange(AdmitAll(admission, ref live), (int)(rate / 2) - 1, (int)(rate / 2) + 1);

        // Half the plan under way without a queue ends it too (at half the rate the calls under way would level off
        // near half the plan, and never leave it).
        using (var quiet = new CallAdmission(new FixedOptions(new CapacityOptions { InitialAdmissionsPerSecond = 2, MaxQueueSeconds = 5, SecondsPerRecording = 13 }), null, clock, listen: false))
        {
            quiet.Scored(0.01);
            var half = quiet.MaxLiveCalls / 2;
            Assert.InRange(AdmitAll(quiet, ref half), (int)(rate * 5) - 1, (int)(rate * 5) + 1);
        }

        // The queue keeps the worker busy for whole windows (oldest due waited 3 s) while it delivers more than the
        // engine promised: the plan is proven and not lowered.
        for (var second = 0; second < 6; second++)
        {
            for (var i = 0; i < 1000; i++)
            {
                admission.Pipelined(0.001);
            }

            admission.Refuse(live++, TimeSpan.FromSeconds(3));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(rate, admission.MaxLiveCalls / 26.0, 6);
        clock.Advance(TimeSpan.FromSeconds(60)); // the bucket refills
        burst = AdmitAll(admission, ref live);
        Assert.InRange(burst, (int)(rate * 5) - 1, (int)(rate * 5) + 1); // MaxQueueSeconds of the full rate at once
        Assert.True(burst < admission.MaxLiveCalls / 4, $"burst {burst}, plan {admission.MaxLiveCalls}");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.InRange(AdmitAll(admission, ref live), (int)rate - 1, (int)rate + 1);
    }

    [Fact]
    public void After_a_quiet_spell_the_next_crowd_starts_slowly_again()
    {
        var clock = new ManualClock();
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { InitialAdmissionsPerSecond = 2, MaxQueueSeconds = 5, SecondsPerRecording = 13 }), null, clock, listen: false);
        admission.Scored(0.01);
        var rate = admission.MaxLiveCalls / 26.0;
        var half = admission.MaxLiveCalls / 2;
        Assert.InRange(AdmitAll(admission, ref half), (int)(rate * 5) - 1, (int)(rate * 5) + 1); // proven: full bursts

        // Four and a bit minutes with few calls: still proven.
        var few = admission.MaxLiveCalls / 20;
        for (var second = 0; second < 200; second++)
        {
            admission.Refuse(few);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        clock.Advance(TimeSpan.FromSeconds(60));
        var live = few;
        Assert.InRange(AdmitAll(admission, ref live), (int)(rate * 5) - 1, (int)(rate * 5) + 1);

        // Six quiet minutes: the next crowd gets the slow start's one-second bursts at half the rate.
        for (var second = 0; second < 360; second++)
        {
            admission.Refuse(few);
            clock.Advance(TimeSpan.FromSeconds(60));
        }

        live = few;
        Assert.InRange(AdmitAll(admission, ref live), (int)(rate / 2) - 1, (int)(rate / 2) + 1);
    }

    private static int AdmitAll(CallAdmission admission, ref int live)
    {
        var admitted = 0;
        while (admission.Refuse(live) is null && admitted < 100_000)
        {
            (admitted, live) = (admitted + 1, live + 1);
        }

        return admitted;
    }

    [Fact]
    public void A_fresh_instance_on_a_slow_machine_stops_planning_on_the_assumption_after_its_first_scoring()
    {
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { InitialScoringSeconds = 0.03 }), null, null, listen: false);
        var assumed = admission.MaxLiveCalls;

        admission.Scored(0.3); // ten times slower than assumed (a busy host)

        Assert.InRange(admission.MaxLiveCalls, 1, assumed / 9);
    }

    [Fact]
    public void A_pipeline_slower_than_the_engine_sets_the_throughput()
    {
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions()), null, null, listen: false);
        admission.Scored(0.01); // the engine alone: 100 a second per slot
        Assert.Equal(ScoringSlots.Count / 0.01, admission.Throughput, 6);

        // Each recording holds a place in the pipeline for 2 s (database turns, download, carrier): Little's law.
        admission.Pipelined(2);
        Assert.Equal(ScoringSlots.PipelineDepth / 2.0, admission.Throughput, 6);
        Assert.Equal(ScoringSlots.Count / 0.01, admission.EngineThroughput, 6);

        // A fast pipeline again: the engine is the limit.
        for (var i = 0; i < 300; i++)
        {
            admission.Pipelined(0.001);
        }

        Assert.Equal(ScoringSlots.Count / 0.01, admission.Throughput, 6);
    }

    [Fact]
    public void The_rate_delivered_while_recordings_queue_caps_the_estimate_and_is_raised_only_by_probing_at_the_plan()
    {
        var clock = new ManualClock();
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { MaxQueueSeconds = 5 }), null, clock, listen: false);
        admission.Scored(0.01); // engine and pipeline alone promise 100 a second per slot
        var promised = admission.Throughput;

        // Recordings queue (oldest due waited 3 s) while only 20 a second come out: something else limits.
        for (var second = 0; second < 6; second++)
        {
            for (var i = 0; i < 20; i++)
            {
                admission.Pipelined(0.001);
            }

            admission.Refuse(0, TimeSpan.FromSeconds(3));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(admission.Throughput, 18, 22);
        var capped = admission.MaxLiveCalls;

        // The queue clears because fewer calls come (few under way): nothing shows that more could be scored, so the
        // ceiling holds — the next wave of callers is planned on what was delivered, not on the engine's quiet speed.
        for (var second = 0; second < 120; second++)
        {
            admission.Refuse(capped / 4, TimeSpan.Zero);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(admission.Throughput, 18, 22);
        Assert.Equal(capped, admission.MaxLiveCalls);

        // Calls fill the plan and still no queue: each window probes a fiftieth higher (about 10 % in ten seconds)…
        for (var second = 0; second < 10; second++)
        {
            admission.Refuse(admission.MaxLiveCalls, TimeSpan.Zero);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(admission.MaxLiveCalls, capped * 1.05, capped * 1.15);

        // …until it no longer limits.
        for (var second = 0; second < 400; second++)
        {
            admission.Refuse(admission.MaxLiveCalls, TimeSpan.Zero);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Null(admission.DeliveredCeiling);
        Assert.Equal(promised, admission.Throughput, 6);
        Assert.True(admission.MaxLiveCalls > 3 * capped);
    }

    [Fact]
    public void A_ceiling_nothing_has_confirmed_for_five_minutes_lapses()
    {
        var clock = new ManualClock();
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { MaxQueueSeconds = 5 }), null, clock, listen: false);
        admission.Scored(0.01);
        for (var second = 0; second < 6; second++)
        {
            for (var i = 0; i < 20; i++)
            {
                admission.Pipelined(0.001);
            }

            admission.Refuse(0, TimeSpan.FromSeconds(3));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.NotNull(admission.DeliveredCeiling);
        for (var second = 0; second < 290; second++)
        {
            admission.Refuse(0, TimeSpan.Zero);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.NotNull(admission.DeliveredCeiling);
        for (var second = 0; second < 20; second++)
        {
            admission.Refuse(0, TimeSpan.Zero);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Null(admission.DeliveredCeiling);
    }

    [Theory]
    [InlineData(6)]   // arriving over 20 s
    [InlineData(120)] // all at once: told one Retry-After, they would all come back at once to a bucket of ten
    public void A_freed_place_goes_to_those_turned_away_earlier_without_slowing_admissions(int arrivingPerSecond)
    {
        var fair = Crowd(withLine: true, arrivingPerSecond);
        var drawn = Crowd(withLine: false, arrivingPerSecond);

        // Everyone gets in, and no later: the line only chooses who takes each place.
        Assert.Equal(120, fair.Admitted.Count);
        Assert.Equal(120, drawn.Admitted.Count);
        Assert.InRange(fair.Seconds, 0, drawn.Seconds + 5);

        // Nobody is let in while someone turned away more than two Retry-Afters earlier is still waiting.
        Assert.Equal(0, Overtaken(fair));
        if (arrivingPerSecond < 120)
        {
            Assert.True(Overtaken(drawn) > 0, "without the line someone should overtake (else this test shows nothing)");
        }

        Assert.True(fair.Admitted.Max(a => a.Tries) < drawn.Admitted.Max(a => a.Tries),
            $"most tries: {fair.Admitted.Max(a => a.Tries)} in line, {drawn.Admitted.Max(a => a.Tries)} drawn; seconds {fair.Seconds} / {drawn.Seconds}");
    }

    /// <summary>Pairs where the one turned away first (by over 10 s) got in after the other.</summary>
    private static int Overtaken((List<(int FirstRefused, int AdmittedAt, int Tries)> Admitted, int Seconds) run) =>
        run.Admitted.Sum(a => run.Admitted.Count(b => b.FirstRefused > a.FirstRefused + 10 && b.AdmittedAt < a.AdmittedAt));

    /// <summary>
    /// 120 people arrive (<paramref name="arrivingPerSecond"/>), each asking again when told; nothing scored yet, so the ramp lets two a
    /// second in (bursts of ten). Who asks in a second is shuffled (seeded).
    /// </summary>
    private static (List<(int FirstRefused, int AdmittedAt, int Tries)> Admitted, int Seconds) Crowd(bool withLine, int arrivingPerSecond)
    {
        var clock = new ManualClock();
        using var admission = new CallAdmission(new FixedOptions(new CapacityOptions { InitialAdmissionsPerSecond = 2, MaxQueueSeconds = 5 }), null, clock, listen: false);
        var random = new Random(7);
        var next = Enumerable.Range(0, 120).Select(i => i / arrivingPerSecond).ToArray(); // second of the next ask
        var first = new int?[120];
        var tries = new int[120];
        var admitted = new List<(int, int, int)>();
        var second = 0;
        for (; admitted.Count < 120 && second < 2000; second++)
        {
            foreach (var who in Enumerable.Range(0, 120).Where(i => next[i] == second).OrderBy(_ => random.Next()).ToList())
            {
                tries[who]++;
                if (admission.Refuse(0, TimeSpan.Zero, withLine ? $"user-{who}" : null) is { } retry)
                {
                    first[who] ??= second;
                    next[who] = second + (int)retry.TotalSeconds;
                }
                else
                {
                    admitted.Add((first[who] ?? second, second, tries[who]));
                    next[who] = -1;
                }
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }

        return (admitted, second);
    }

    [Fact]
    public void Instances_on_one_host_count_its_capacity_once()
    {
        var peers = new CapacityPeers();
        peers.Update([new("node-1", 30), new("node-2", 40), new("NODE-2", 20)]);

        Assert.Equal(3, peers.Count);
        Assert.Equal(30 + 30, peers.Throughput); // node-1, and node-2 once at the mean of its two
        Assert.Equal(((30 + 10) / 2.0) + 30, peers.Cluster("node-1", 10)); // this instance joins node-1's mean
        Assert.Equal(30 + 30 + 50, peers.Cluster("node-3", 50));
    }

    public void Dispose() => portal.Dispose();

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }

    private sealed class FixedOptions(CapacityOptions value) : IOptionsMonitor<CapacityOptions>
    {
        public CapacityOptions CurrentValue => value;

        public CapacityOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CapacityOptions, string?> listener) => null;
    }
}
