using System.Text.Json;
using VoiceAuth.Portal.Biometrics.Local.Training;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>
/// <c>eval-lso --corpus DIR [--trials LIST[,LIST…]] [--mode ti|td] [--threshold N] [--components 512] [--cache DIR] [--scores PREFIX] [--det FILE.svg] [--td-voice] [--enroll-copies 3] [--dump PREFIX] [--protocol lso|lsw] [--features 4] [--json]</c>:
/// the leave-speakers-out protocol (<see cref="LeaveSpeakersOut"/>): every fold scored with a background model trained
/// without its speakers, pooled, with speaker counts and bootstrap intervals over speakers; per trial list (e.g. the
/// clean and the noisy condition) a report, a score file and a curve of the DET plot.
/// </summary>
internal static class LsoCommand
{
    private const string Usage = "usage: eval-lso --corpus DIR [--trials LIST[,LIST…]] [--mode ti|td] [--threshold N] [--components 512] [--cache DIR] [--scores PREFIX] [--det FILE.svg] [--td-voice] [--enroll-copies 3] [--dump PREFIX] [--protocol lso|lsw] [--features 4] [--json]";

    public static Task<int> RunAsync(string[] args)
    {
        try
        {
            return Task.FromResult(Run(new CommandLine(args)));
        }
        catch (Exception e) when (e is ArgumentException or IOException or FormatException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"eval-lso: {e.Message}");
            Console.Error.WriteLine(Usage);
            return Task.FromResult(2);
        }
    }

    private static int Run(CommandLine cl)
    {
        var corpus = cl.Required("corpus");
        var options = EngineConfiguration.Load();
        options.Mode = cl.Value("mode") == "td" ? VerificationMode.TextDependent : VerificationMode.TextIndependent;
        options.Threshold = cl.Int("threshold", options.Threshold);
        var settings = new TrainingSettings(cl.Int("components", 512), Features: cl.Int("features", Features.FeatureSettings.Version));
        var lists = (cl.Value("trials") ?? "trials.lst").Split(',', StringSplitOptions.RemoveEmptyEntries);
        // --td-voice: text-independent trials scored with the text-dependent mode's voice part alone (its one subsystem),
        // the only way real voices can measure it: no package here has two people saying the same phrase. Without the
        // enrollment-side cohort, since td voiceprints are never S-normed: the score file's tnorm column is then exactly
        // the value Calibration.TdVoiceFloor is compared with (cohort-mean units).
        var pooled = LeaveSpeakersOut.Run(corpus, options, settings, lists, cl.Value("cache"), Console.Error.WriteLine,
            cl.Flag("td-voice") ? TdVoiceOnly : null,
            cl.Int("enroll-copies", AudioPipeline.EnrollmentCopies), cl.Value("dump"), cl.Value("protocol") ?? LeaveSpeakersOut.DefaultProtocol);
        var series = new List<DetPlot.Series>();
        var json = new Dictionary<string, object?>();
        for (var i = 0; i < lists.Length; i++)
        {
            var trials = pooled[i];
            if (cl.Value("scores") is { } prefix)
            {
                File.WriteAllLines($"{prefix}{Path.GetFileNameWithoutExtension(lists[i])}.txt", trials.Select(t => t.Fold + " " + t.ToLine()).Prepend("fold " + ScoredTrial.Header));
            }

            var summary = LsoSummary.From(trials, options.Threshold);
            json[lists[i]] = EvalReport.WithSettings(summary.ToJson(), options);
            if (!cl.Flag("json"))
            {
                Console.WriteLine($"== {lists[i]}");
                Console.WriteLine(summary.ToText(options));
            }

            series.Add(new(Path.GetFileNameWithoutExtension(lists[i]), Labelled(trials, "target"), Labelled(trials, "nontarget"), summary.Report.Fmr, summary.Report.Fnmr));
        }

        if (cl.Value("det") is { } det)
        {
            File.WriteAllText(det, DetPlot.Render($"Leave-speakers-out, {options.Mode}, threshold {options.Threshold}", series));
        }

        if (cl.Flag("json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(json));
        }

        return 0;
    }

    /// <summary>The text-dependent mode's voice part: its one subsystem, scored as td voiceprints are (cohort mean, no S-norm).</summary>
    internal static Modeling.BackgroundModel TdVoiceOnly(Modeling.BackgroundModel m)
    {
        var s = m.Subsystems[0];
        return new(m.Relevance, [new Modeling.Subsystem(s.Stream, s.Ubm, s.CohortOffsets)], m.TrainingSpeakers);
    }

    private static List<double> Labelled(List<ScoredTrial> trials, string label) => trials.Where(t => t.Label == label).Select(t => t.Continuous).ToList();
}
