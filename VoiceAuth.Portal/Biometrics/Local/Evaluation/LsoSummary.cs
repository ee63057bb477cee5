using System.Globalization;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>
/// Leave-speakers-out figures pooled over the folds, with the number of speakers behind them and 90 % bootstrap
/// intervals from resampling speakers (a trial weighs the product of its two speakers' draw counts): with a dozen
/// voices, which voices happen to be in the set moves the figures far more than which recordings do.
/// </summary>
internal sealed record LsoSummary(EvalReport Report, int ModelSpeakers, int TestSpeakers, int Models,
    (double Low, double High) EerInterval, (double Low, double High) FmrInterval, (double Low, double High) FnmrInterval, CallSimulation? Calls = null)
{
    public const int Draws = 500;

    public static LsoSummary From(IReadOnlyList<ScoredTrial> trials, int threshold = 50)
    {
        var report = EvalReport.From(trials, double.NaN, double.NaN, double.NaN, 0, 0);
        var pairs = trials.Where(t => t.Label is "target" or "nontarget")
            .Select(t => (Model: LeaveSpeakersOut.SpeakerOfModel(t.Model), Test: LeaveSpeakersOut.SpeakerOfWav(t.Wav), t.Label, t.Continuous, t.Accepted)).ToList();
        var speakers = pairs.Select(p => p.Model).Concat(pairs.Select(p => p.Test)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var random = new Random(2026);
        var (eers, fmrs, fnmrs) = (new List<double>(), new List<double>(), new List<double>());
        for (var d = 0; d < Draws && speakers.Length > 1; d++)
        {
            var count = speakers.ToDictionary(s => s, _ => 0);
            for (var i = 0; i < speakers.Length; i++)
            {
                count[speakers[random.Next(speakers.Length)]]++;
            }

            var weighted = pairs.Select(p => (p.Continuous, Target: p.Label == "target", p.Accepted, Weight: (double)count[p.Model] * count[p.Test]))
                .Where(p => p.Weight > 0).ToList();
            var (t, n) = (weighted.Where(p => p.Target).Sum(p => p.Weight), weighted.Where(p => !p.Target).Sum(p => p.Weight));
            if (t == 0 || n == 0)
            {
                continue;
            }

            eers.Add(WeightedEer(weighted.Select(p => (p.Continuous, p.Target, p.Weight)).ToList(), t, n));
            fmrs.Add(weighted.Where(p => !p.Target && p.Accepted).Sum(p => p.Weight) / n);
            fnmrs.Add(weighted.Where(p => p.Target && !p.Accepted).Sum(p => p.Weight) / t);
        }

        return new LsoSummary(report, pairs.Select(p => p.Model).Distinct().Count(), pairs.Select(p => p.Test).Distinct().Count(),
            trials.Select(t => t.Fold + "/" + t.Model).Distinct().Count(), Interval(eers), Interval(fmrs), Interval(fnmrs), CallSimulation.From(trials, threshold));
    }

    private static double WeightedEer(List<(double Score, bool Target, double Weight)> trials, double targets, double nontargets)
    {
        trials.Sort((a, b) => a.Score.CompareTo(b.Score));
        double misses = 0, falseAlarms = nontargets, best = 1;
        for (var i = 0; i < trials.Count; i++)
        {
            if (trials[i].Target)
            {
                misses += trials[i].Weight;
            }
            else
            {
                falseAlarms -= trials[i].Weight;
            }

            if (i + 1 < trials.Count && trials[i + 1].Score == trials[i].Score)
            {
                continue;
            }

            best = Math.Min(best, Math.Max(misses / targets, falseAlarms / nontargets));
        }

        return best;
    }

    private static (double, double) Interval(List<double> values)
    {
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        values.Sort();
        return (values[(int)(0.05 * (values.Count - 1))], values[(int)(0.95 * (values.Count - 1))]);
    }

    public Dictionary<string, object?> ToJson()
    {
        var json = Report.ToJson();
        json["model_speakers"] = ModelSpeakers;
        json["test_speakers"] = TestSpeakers;
        json["models"] = Models;
        json["eer_90"] = new[] { EerInterval.Low, EerInterval.High };
        json["fmr_90"] = new[] { FmrInterval.Low, FmrInterval.High };
        json["fnmr_90"] = new[] { FnmrInterval.Low, FnmrInterval.High };
        json["calls"] = Calls;
        return json;
    }

    public string ToText(LocalEngineOptions o) => string.Join(Environment.NewLine,
        $"leave-speakers-out, mode {o.Mode}, threshold {o.Threshold}: {Models} models of {ModelSpeakers} speakers, tests from {TestSpeakers} speakers",
        $"trials          {Report.Trials} ({Report.Targets} target, {Report.Nontargets} non-target; {Report.Retries} refused for quality)",
        $"EER             {Pct(Report.Eer)}  (90 % over speakers: {Pct(EerInterval.Low)} – {Pct(EerInterval.High)})",
        $"minDCF(0.01)    {Report.MinDcf.ToString("F3", CultureInfo.InvariantCulture)}",
        $"FMR @threshold  {Pct(Report.Fmr)}  ({Pct(FmrInterval.Low)} – {Pct(FmrInterval.High)})",
        $"FNMR @threshold {Pct(Report.Fnmr)}  ({Pct(FnmrInterval.Low)} – {Pct(FnmrInterval.High)})",
        $"FNMR @FMR 1 %   {Pct(Report.FnmrAtFmr1)}",
        $"FNMR @FMR 0.1 % {Pct(Report.FnmrAtFmr01)}",
        Calls is not { Pairs: > 0 } c ? "calls           n/a" : string.Join(Environment.NewLine,
            $"impostor pairs  {c.Pairs} (model, other speaker): FMR per attempt {Pct(c.PerAttempt)}",
            $"FMR per call    {Pct(c.PerCallSequential)} sequential (either attempt passing: {Pct(c.PerCallEither)})",
            $"FMR per lockout window (5 attempts) {Pct(c.PerWindowSequential)} sequential (either: {Pct(c.PerWindowEither)}; worst pair {Pct(c.WorstPairWindowSequential)})"));

    private static string Pct(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("F2", CultureInfo.InvariantCulture) + " %";
}
