using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>
/// <c>eval --corpus DIR --enroll LIST --trials LIST --mode td|ti [--scores FILE] [--json] [--threshold N] [--model FILE] [--det FILE.svg]</c>:
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
            Console.Error.WriteLine("usage: eval --corpus DIR --enroll LIST --trials LIST --mode td|ti [--scores FILE] [--json] [--threshold N] [--model FILE] [--det FILE.svg]");
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

        if (cl.Value("det") is { } det)
        {
            var trials = run.Scored().ToList();
            List<double> Labelled(string label) => trials.Where(t => t.Label == label).Select(t => t.Continuous).ToList();
            File.WriteAllText(det, DetPlot.Render($"{cl.Required("trials")}, {options.Mode}, threshold {options.Threshold}",
                [new(cl.Required("trials"), Labelled("target"), Labelled("nontarget"), report.Fmr, report.Fnmr)]));
        }

        Console.WriteLine(cl.Flag("json") ? JsonSerializer.Serialize(EvalReport.WithSettings(report.ToJson(), options)) : report.ToText(options));
        return 0;
    }

    private static string Resolve(string corpus, string list) => File.Exists(list) ? list : Path.Combine(corpus, list);
}
