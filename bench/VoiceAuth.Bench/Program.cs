namespace VoiceAuth.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/VoiceAuth.Bench -- calls --concurrency 200 --calls 1000 [--instances 2] [--json] [--corpus DIR]</c>,
/// <c>... -- admin [--users 100000 --sessions 1000000] [--db FILE] [--json]</c>
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
        ["admin", .. var rest] => await Admin.AdminBenchmark.RunAsync(Admin.AdminBenchArguments.Parse(rest)),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: VoiceAuth.Bench calls [--concurrency N] [--calls N] [--instances N] [--json] [--corpus DIR]");
        Console.Error.WriteLine("       VoiceAuth.Bench admin [--users 100000] [--sessions 1000000] [--db FILE] [--iterations 200] [--json]");
        return 2;
    }
}
