using System.Diagnostics;

namespace VoiceAuth.Bench.Admin;

/// <summary>Runs a set of query variants in turn, many times, and keeps every duration in milliseconds.</summary>
internal static class Timings
{
    public static async Task<List<double>> OfAsync<T>(IReadOnlyList<T> variants, int iterations, Func<T, Task> run)
    {
        foreach (var v in variants)
        {
            await run(v); // warm: plans compiled, pages cached — the admin console runs warm too
        }

        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run(variants[i % variants.Count]);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }
}
