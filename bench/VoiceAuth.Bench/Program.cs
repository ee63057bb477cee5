namespace VoiceAuth.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/VoiceAuth.Bench -- calls --concurrency 200 --calls 1000 [--instances 2] [--json] [--corpus DIR]</c>
/// (not top-level statements: the portal's own <c>Program</c> is the one WebApplicationFactory hosts).
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        return await Run(args);
    }

    private static async Task<int> Run(string[] args) => args switch
    {
        ["calls", .. var rest] => await CallsBenchmark.RunAsync(BenchArguments.Parse(rest)),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: VoiceAuth.Bench calls [--concurrency N] [--calls N] [--instances N] [--json] [--corpus DIR]");
        return 2;
    }
}
