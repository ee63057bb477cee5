using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>
/// <c>eval --corpus DIR --enroll LIST --trials LIST --mode td|ti [--scores FILE] [--json] [--threshold N] [--model FILE]</c>:
/// enrolls every model of the list, scores every trial against its model's enrollment state, and reports
/// EER, minDCF, FMR/FNMR at the configured threshold, FTE, spoof acceptance and timings.
/// </summary>
internal static class EvalCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        try
        {
            return Task.FromResult(Run(new CommandLine(args)));
        }
        catch (Exception e) when (e is ArgumentException or IOException or FormatException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"eval: {e.Message}");
            Console.Error.WriteLine("usage: eval --corpus DIR --enroll LIST --trials LIST --mode td|ti [--scores FILE] [--json] [--threshold N] [--model FILE]");
            return Task.FromResult(2);
        }
    }

    private static int Run(CommandLine cl)
    {
        var corpus = cl.Required("corpus");
        var options = EngineConfiguration.Load();
        options.Mode = cl.Required("mode") switch
        {
            "td" => VerificationMode.TextDependent,
            "ti" => VerificationMode.TextIndependent,
            var m => throw new ArgumentException($"--mode must be td or ti, not {m}"),
        };
        options.Threshold = cl.Int("threshold", options.Threshold);
        var background = cl.Value("model") is { } file ? BackgroundModel.FromBytes(File.ReadAllBytes(file)) : BackgroundModel.Shipped;
        var verifier = new SpeakerVerifier(options, background);
        var run = new EvalRun(verifier, corpus);
        run.Enroll(CorpusLists.Enrollments(Resolve(corpus, cl.Required("enroll"))));
        run.Score(CorpusLists.Trials(Resolve(corpus, cl.Required("trials"))));
        var report = run.Report();
        if (cl.Value("scores") is { } scores)
        {
            File.WriteAllLines(scores, run.ScoreLines());
        }

        Console.WriteLine(cl.Flag("json") ? JsonSerializer.Serialize(report.ToJson()) : report.ToText(options));
        return 0;
    }

    private static string Resolve(string corpus, string list) => File.Exists(list) ? list : Path.Combine(corpus, list);
}

/// <summary>The figures one evaluation produces (rates as fractions; NaN when a protocol has no such trials).</summary>
internal sealed record EvalReport(double Eer, double MinDcf, double Fmr, double Fnmr, double Fte, double SpoofAccept,
    double MsEnroll, double MsVerify, int Trials, int Targets, int Nontargets, int Spoofs, int SkippedTrials,
    int VoiceprintBytes = 0)
{
    public Dictionary<string, object?> ToJson() => new()
    {
        ["eer"] = Num(Eer), ["min_dcf"] = Num(MinDcf), ["fmr"] = Num(Fmr), ["fnmr"] = Num(Fnmr), ["fte"] = Num(Fte),
        ["spoof_accept"] = Num(SpoofAccept), ["ms_enroll"] = Num(MsEnroll), ["ms_verify"] = Num(MsVerify), ["trials"] = Trials,
    };

    public string ToText(LocalEngineOptions o) => string.Join(Environment.NewLine,
        $"mode {o.Mode}, threshold {o.Threshold}",
        $"trials          {Trials} ({Targets} target, {Nontargets} non-target, {Spoofs} spoof; {SkippedTrials} skipped: model not enrolled)",
        $"EER             {Pct(Eer)}",
        $"minDCF(0.01)    {F(MinDcf, "F3")}",
        $"FMR @threshold  {Pct(Fmr)}",
        $"FNMR @threshold {Pct(Fnmr)}",
        $"FTE             {Pct(Fte)}",
        $"spoof accepted  {Pct(SpoofAccept)}",
        $"ms/enrollment   {F(MsEnroll, "F1")} (real-time factor {F(MsEnroll / 1000 / 4, "F4")} for ~4 s)",
        $"ms/verification {F(MsVerify, "F1")}",
        $"voiceprint      {VoiceprintBytes} bytes at most after enrollment (before any verification history)");

    private static double? Num(double v) => double.IsNaN(v) ? null : Math.Round(v, 6);
    private static string Pct(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("F2", CultureInfo.InvariantCulture) + " %";
    private static string F(double v, string f) => double.IsNaN(v) ? "n/a" : v.ToString(f, CultureInfo.InvariantCulture);
}
