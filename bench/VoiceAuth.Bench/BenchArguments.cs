using System.Globalization;

namespace VoiceAuth.Bench;

/// <summary>
/// Command-line options of the calls benchmark. <c>--time-scale</c> is how fast the scripted callers live: 1 (the
/// default) is real time — 200 concurrent calls are 200 people on the phone at once; 0.05 compresses every prompt
/// and pause twenty-fold, i.e. the load of ~4000 concurrent real calls on the same machine.
/// </summary>
internal sealed record BenchArguments(int Concurrency, int Calls, bool Json, string? Corpus, int Warmup, double TimeScale, int Instances = 1, string? Trace = null)
{
    public static BenchArguments Parse(string[] args)
    {
        int concurrency = 200, calls = 1000, warmup = 200;
        var timeScale = 1.0;
        var instances = 1;
        var json = false;
        string? corpus = null, trace = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--calls": calls = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--json": json = true; break;
                case "--corpus": corpus = args[++i]; break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--instances": instances = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--trace": trace = args[++i]; break;
                case "--time-scale": timeScale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (concurrency < 1 || calls < 2)
        {
            throw new ArgumentException("--concurrency must be ≥ 1 and --calls ≥ 2.");
        }

        if (timeScale is <= 0 or > 1)
        {
            throw new ArgumentException("--time-scale must be in (0, 1]: 1 runs calls in real time, 0.05 twenty times faster.");
        }

        if (instances is < 1 or > 8)
        {
            throw new ArgumentException("--instances must be between 1 and 8.");
        }

        return new(concurrency, calls, json, corpus, warmup, timeScale, instances, trace);
    }
}
