using System.Diagnostics;
using System.Globalization;
using VoiceAuth.Portal.Biometrics.Local.Scoring;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>One evaluation: enrollment states per model, then every trial scored against its model's state.</summary>
internal sealed class EvalRun(SpeakerVerifier verifier, string corpus)
{
    private readonly Dictionary<string, byte[]> models = [];
    private readonly List<(string Model, string Wav, string Label, VerificationOutcome? Outcome)> results = [];
    private readonly List<double> enrollMs = [], verifyMs = [];
    private int enrollModels, failedModels;

    public void Enroll(List<(string Model, string[] Wavs)> list)
    {
        foreach (var (model, wavs) in list)
        {
            enrollModels++;
            var state = verifier.NewVoiceprint();
            var accepted = 0;
            var reasons = new List<ReasonCode>();
            foreach (var wav in wavs)
            {
                var bytes = File.ReadAllBytes(Path.Combine(corpus, wav));
                var clock = Stopwatch.StartNew();
                var outcome = verifier.Enroll(state, new AudioInput(bytes));
                enrollMs.Add(clock.Elapsed.TotalMilliseconds);
                state = outcome.Voiceprint;
                accepted = outcome.Enrollments;
                reasons.Add(outcome.Reason);
            }

            if (accepted >= SpeakerVerifier.RequiredEnrollments)
            {
                models[model] = state;
            }
            else
            {
                failedModels++;
                Console.Error.WriteLine($"{model}: failed to enroll ({string.Join(", ", reasons)})");
            }
        }
    }

    public void Score(List<(string Model, string Wav, string Label)> trials)
    {
        foreach (var (model, wav, label) in trials)
        {
            if (!models.TryGetValue(model, out var state))
            {
                results.Add((model, wav, label, null));
                continue;
            }

            var bytes = File.ReadAllBytes(Path.Combine(corpus, wav));
            var clock = Stopwatch.StartNew();
            var outcome = verifier.Verify(state, new AudioInput(bytes)); // always against the enrollment state: trials stay independent
            verifyMs.Add(clock.Elapsed.TotalMilliseconds);
            results.Add((model, wav, label, outcome));
        }
    }

    public EvalReport Report()
    {
        var scored = results.Where(r => r.Outcome is not null).ToList();
        List<double> Scores(string label) => scored.Where(r => r.Label == label).Select(r => Continuous(r.Outcome!)).ToList();
        double AcceptRate(string label)
        {
            var set = scored.Where(r => r.Label == label).ToList();
            return set.Count == 0 ? double.NaN : (double)set.Count(r => r.Outcome!.Decision == BiometricDecision.Accepted) / set.Count;
        }

        var targets = Scores("target");
        var nontargets = Scores("nontarget");
        return new EvalReport(Metrics.Eer(targets, nontargets), Metrics.MinDcf(targets, nontargets), AcceptRate("nontarget"),
            targets.Count == 0 ? double.NaN : 1 - AcceptRate("target"), enrollModels == 0 ? double.NaN : (double)failedModels / enrollModels,
            AcceptRate("spoof"), Mean(enrollMs), Mean(verifyMs), scored.Count, targets.Count, nontargets.Count,
            scored.Count(r => r.Label == "spoof"), results.Count - scored.Count,
            models.Count == 0 ? 0 : models.Values.Max(v => v.Length));
    }

    public IEnumerable<string> ScoreLines()
    {
        yield return "model wav label decision score reason fused llr tnorm dtw_ratio replay";
        foreach (var (model, wav, label, o) in results)
        {
            var b = o?.Breakdown;
            yield return string.Join(' ', model, wav, label, o?.Decision.ToString() ?? "NotEnrolled", o?.Score ?? 0, o?.Reason.ToString() ?? "NotEnrolled",
                F(o is null ? double.NaN : Continuous(o)), F(b?.Llr), F(b?.NormalisedLlr), F(b?.DtwRatio), F(b?.ReplaySimilarity));
        }
    }

    /// <summary>The continuous score for EER and minDCF: refusals before scoring (quality, replay) rank below everything.</summary>
    private static double Continuous(VerificationOutcome o) => o.Breakdown is { } b && !double.IsNegativeInfinity(b.Fused) ? b.Fused : -1e6;

    private static double Mean(List<double> v) => v.Count == 0 ? double.NaN : v.Average();

    private static string F(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
