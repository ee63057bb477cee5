using System.Globalization;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>The figures one evaluation produces (rates as fractions; NaN when a protocol has no such trials).</summary>
/// <param name="Fnmr">Targets not accepted at the threshold, quality refusals (<see cref="Retries"/>) included.</param>
/// <param name="FnmrAtFmr1">The lowest FNMR at any threshold with FMR ≤ 1 %; <paramref name="FnmrAtFmr01"/> the same at 0.1 %.</param>
/// <param name="Retries">Trials refused for quality (Retry: asked again, not scored).</param>
internal sealed record EvalReport(double Eer, double MinDcf, double Fmr, double Fnmr, double Fte, double SpoofAccept,
    double MsEnroll, double MsVerify, int Trials, int Targets, int Nontargets, int Spoofs, int SkippedTrials,
    int VoiceprintBytes = 0, double FnmrAtFmr1 = double.NaN, double FnmrAtFmr01 = double.NaN, int Retries = 0)
{
    public static EvalReport From(IReadOnlyList<ScoredTrial> scored, double fte, double msEnroll, double msVerify, int skipped, int voiceprintBytes)
    {
        List<double> Scores(string label) => scored.Where(r => r.Label == label).Select(r => r.Continuous).ToList();
        double AcceptRate(string label)
        {
            var set = scored.Where(r => r.Label == label).ToList();
            return set.Count == 0 ? double.NaN : (double)set.Count(r => r.Accepted) / set.Count;
        }

        var targets = Scores("target");
        var nontargets = Scores("nontarget");
        return new EvalReport(Metrics.Eer(targets, nontargets), Metrics.MinDcf(targets, nontargets), AcceptRate("nontarget"),
            targets.Count == 0 ? double.NaN : 1 - AcceptRate("target"), fte, AcceptRate("spoof"), msEnroll, msVerify, scored.Count,
            targets.Count, nontargets.Count, scored.Count(r => r.Label == "spoof"), skipped, voiceprintBytes,
            Metrics.FnmrAtFmr(targets, nontargets, 0.01), Metrics.FnmrAtFmr(targets, nontargets, 0.001), scored.Count(r => r.Retried));
    }

    public Dictionary<string, object?> ToJson() => new()
    {
        ["eer"] = Num(Eer), ["min_dcf"] = Num(MinDcf), ["fmr"] = Num(Fmr), ["fnmr"] = Num(Fnmr), ["fte"] = Num(Fte),
        ["spoof_accept"] = Num(SpoofAccept), ["ms_enroll"] = Num(MsEnroll), ["ms_verify"] = Num(MsVerify), ["trials"] = Trials,
        ["fnmr_at_fmr_1pct"] = Num(FnmrAtFmr1), ["fnmr_at_fmr_0_1pct"] = Num(FnmrAtFmr01), ["retries"] = Retries,
    };

    /// <summary>Adds what the run decided with, so an imported result says which threshold its FMR / FNMR belong to.</summary>
    public static Dictionary<string, object?> WithSettings(Dictionary<string, object?> json, LocalEngineOptions o)
    {
        json["threshold"] = o.Threshold;
        json["mode"] = o.Mode.ToString();
        return json;
    }

    public string ToText(LocalEngineOptions o) => string.Join(Environment.NewLine,
        $"mode {o.Mode}, threshold {o.Threshold}",
        $"trials          {Trials} ({Targets} target, {Nontargets} non-target, {Spoofs} spoof; {SkippedTrials} skipped: model not enrolled)",
        $"EER             {Pct(Eer)}",
        $"minDCF(0.01)    {F(MinDcf, "F3")}",
        $"FMR @threshold  {Pct(Fmr)}",
        $"FNMR @threshold {Pct(Fnmr)} (quality refusals, asked again: {Retries} of {Trials} trials)",
        $"FNMR @FMR 1 %   {Pct(FnmrAtFmr1)}",
        $"FNMR @FMR 0.1 % {Pct(FnmrAtFmr01)} ({Nontargets} non-target trials: below 1000 this point rests on {(Nontargets == 0 ? 0 : Nontargets / 1000.0):F1} false accepts)",
        $"FTE             {Pct(Fte)}",
        $"spoof accepted  {Pct(SpoofAccept)}",
        $"ms/enrollment   {F(MsEnroll, "F1")} (real-time factor {F(MsEnroll / 1000 / 4, "F4")} for ~4 s)",
        $"ms/verification {F(MsVerify, "F1")}",
        $"voiceprint      {VoiceprintBytes} bytes at most after enrollment (before any verification history)");

    private static double? Num(double v) => double.IsNaN(v) ? null : Math.Round(v, 6);
    private static string Pct(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("F2", CultureInfo.InvariantCulture) + " %";
    private static string F(double v, string f) => double.IsNaN(v) ? "n/a" : v.ToString(f, CultureInfo.InvariantCulture);
}
