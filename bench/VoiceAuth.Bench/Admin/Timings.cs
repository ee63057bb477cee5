using System.Diagnostics;

namespace VoiceAuth.Bench.Admin;

/// <summary>Runs a set of query variants in turn, many times, and keeps every duration in milliseconds.</summary>
internal static class Timings
{
    public static async Task<List<double>> OfAsync<T>(IReadOnlyList<T> variants, int iterations, Func<T, Task> run, string? report = null)
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

        if (report is not null)
        {
            PrintByVariant(report, variants, times);
        }

        return times;
    }

    /// <summary>
    /// The pooled percentiles hide which variant is slow: one pathological query among twelve is a p95 of seconds
    /// and a p50 of milliseconds. Each variant's median and maximum go to stderr, slowest first (stdout stays JSON).
    /// </summary>
    private static void PrintByVariant<T>(string report, IReadOnlyList<T> variants, List<double> times)
    {
        var rows = variants.Select((v, index) =>
        {
            var own = times.Where((_, i) => i % variants.Count == index).ToList();
            return (Variant: v, Median: own.Count > 0 ? Percentiles.Of(own, 50) : double.NaN, Max: own.Count > 0 ? own.Max() : double.NaN);
        }).OrderByDescending(r => r.Max).ToList();
        Console.Error.WriteLine($"{report}: per variant, slowest first (median / max ms)");
        foreach (var (variant, median, max) in rows.Take(10))
        {
            Console.Error.WriteLine($"  {median,9:F1} {max,9:F1}  {variant}");
        }
    }
}
