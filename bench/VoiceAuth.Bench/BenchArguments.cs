using System.Globalization;

namespace VoiceAuth.Bench;

/// <summary>Command-line options of the calls benchmark.</summary>
internal sealed record BenchArguments(int Concurrency, int Calls, bool Json, string? Corpus)
{
    public static BenchArguments Parse(string[] args)
    {
        int concurrency = 200, calls = 1000;
        var json = false;
        string? corpus = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--calls": calls = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--json": json = true; break;
                case "--corpus": corpus = args[++i]; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (concurrency < 1 || calls < 2)
        {
            throw new ArgumentException("--concurrency must be ≥ 1 and --calls ≥ 2.");
        }

        return new(concurrency, calls, json, corpus);
    }
}
