using System.Collections.Concurrent;
using System.Diagnostics;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Bench;

/// <summary>Thread-safe tallies of the calls benchmark, and the summary it prints.</summary>
internal sealed class CallMetrics
{
    private readonly ConcurrentBag<double> twiml = [];
    private readonly ConcurrentBag<double> waits = [];
    private readonly ConcurrentBag<double> statusCallbacks = [];
    private readonly ConcurrentBag<double> pushes = [];
    private readonly ConcurrentBag<double> enrollSeconds = [];
    private readonly ConcurrentBag<double> verifySeconds = [];
    private readonly ConcurrentQueue<string> errors = new();
    private int completed;
    private int admitted;
    private int refused;
    private int gaveUp;
    private int verifiedPassed;
    private int verifiedFailed;

    /// <summary>Every request the emulator made to the portal: TwiML fetches, the result wait, status callbacks.</summary>
    public void Webhook(string url, int status, TimeSpan elapsed)
    {
        var ms = elapsed.TotalMilliseconds;
        var path = new Uri(url).AbsolutePath;
        if (path.StartsWith("/twilio/status/", StringComparison.Ordinal))
        {
            statusCallbacks.Add(ms);
        }
        else if (path.EndsWith("/wait", StringComparison.Ordinal))
        {
            waits.Add(ms); // holds on purpose until the result exists (PhoneFlow.LongPoll)
        }
        else
        {
            twiml.Add(ms);
        }

        if (status is < 200 or >= 300)
        {
            Error($"HTTP {status} from {path}");
        }
    }

    public void Push(double ms) => pushes.Add(ms);

    /// <summary>A call the portal accepted to place.</summary>
    /// <summary>Admitted, refused and completed so far: for the benchmark's time series (<c>--trace</c>).</summary>
    public (int Admitted, int Refused, int Completed) Counts => (Volatile.Read(ref admitted), Volatile.Read(ref refused), Volatile.Read(ref completed));

    public void Admitted() => Interlocked.Increment(ref admitted);

    /// <summary>A request the portal refused at capacity (busy, try again); the same person may be admitted later.</summary>
    public void Refused() => Interlocked.Increment(ref refused);

    /// <summary>A call still refused after the benchmark's last attempt: the person went away (and did not verify).</summary>
    public void GaveUp() => Interlocked.Increment(ref gaveUp);

    public void Error(string what) => errors.Enqueue(what);

    /// <summary>An admitted call's end; false (and an error) unless it ended as it should.</summary>
    public bool Completed(SessionPurpose purpose, SessionUpdate outcome, CallSnapshot? call)
    {
        var expected = purpose == SessionPurpose.Enroll
            ? outcome.State == SessionState.Passed
            : outcome.State is SessionState.Passed or SessionState.Failed;
        if (!expected || call is null || call.Errors.Count > 0)
        {
            Error($"{purpose} ended {outcome.State} ({outcome.Reason}); carrier errors: {string.Join(", ", call?.Errors.Select(e => e.Code) ?? [])}");
            return false;
        }

        Interlocked.Increment(ref completed);
        // From answer to hang-up: prompts at speaking rate, the caller's speech, and every real wait for the portal.
        (purpose == SessionPurpose.Enroll ? enrollSeconds : verifySeconds).Add(call.TalkSeconds + call.WebhookSeconds);
        if (purpose == SessionPurpose.Verify)
        {
            Interlocked.Increment(ref outcome.State == SessionState.Passed ? ref verifiedPassed : ref verifiedFailed);
        }

        return true;
    }

    public Dictionary<string, object> Summary(int calls, TimeSpan elapsed)
    {
        foreach (var g in ServerTimings.Samples.GroupBy(s => s.Path.Split('/')[^1]))
        {
            var ms = g.Select(x => x.Ms).ToList();
            Console.Error.WriteLine($"server {g.Key,-10} n={ms.Count,5} p50={Percentiles.Of(ms, 50):F1} p99={Percentiles.Of(ms, 99):F1} max={ms.Max():F1}");
        }

        foreach (var e in errors.Take(10))
        {
            Console.Error.WriteLine($"error: {e}");
        }

        return new()
        {
            ["calls"] = calls,
            ["calls_completed"] = completed,
            ["admitted"] = admitted,
            ["refused"] = refused,
            ["gave_up"] = gaveUp,
            ["goodput_calls_per_minute"] = Round(completed / elapsed.TotalMinutes),
            ["errors"] = errors.Count,
            ["twiml_p50_ms"] = Round(Percentiles.Of(twiml, 50)),
            ["twiml_p95_ms"] = Round(Percentiles.Of(twiml, 95)),
            ["twiml_p99_ms"] = Round(Percentiles.Of(twiml, 99)),
            ["seconds_per_enroll_call"] = Round(enrollSeconds.DefaultIfEmpty().Average()),
            ["seconds_per_verify_call"] = Round(verifySeconds.DefaultIfEmpty().Average()),
            ["push_p50_ms"] = Round(Percentiles.Of(pushes, 50)),
            ["push_p99_ms"] = Round(Percentiles.Of(pushes, 99)),
            ["wait_p50_ms"] = Round(Percentiles.Of(waits, 50)),
            ["wait_p99_ms"] = Round(Percentiles.Of(waits, 99)),
            ["status_callback_p99_ms"] = Round(Percentiles.Of(statusCallbacks, 99)),
            ["twiml_requests"] = twiml.Count,
            ["twiml_server_p50_ms"] = Round(Percentiles.Of(ServerTimings.Samples.Select(s => s.Ms).ToList(), 50)),
            ["twiml_server_p99_ms"] = Round(Percentiles.Of(ServerTimings.Samples.Select(s => s.Ms).ToList(), 99)),
            ["verify_passed"] = verifiedPassed,
            ["verify_failed"] = verifiedFailed,
            ["elapsed_seconds"] = Round(elapsed.TotalSeconds),
            ["peak_working_set_mb"] = Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0),
        };
    }

    private static double Round(double value) => Math.Round(value, 1);
}
