namespace VoiceAuth.Portal.Biometrics.Local.Scoring;

/// <summary>
/// Maps the fused score onto 0–100 with a logistic curve; the default threshold 50 sits at its centre. The fused
/// score is the average per-frame log-likelihood ratio minus the cohort's mean (plus, text-dependently, the DTW
/// term), so the centres are in those units. They were chosen from the development corpus (docs/benchmarks.md):
/// text-independently where real speakers' false matches fall to about 2 %; text-dependently where the synthetic
/// voices' false matches level off (about 2.5 %, nearly all between two espeak variants of one voice).
/// </summary>
/// <remarks>
/// The text-dependent centre is higher because the same passphrase makes a speaker model fit far better (measured
/// targets ≥ 2 against ti's ≈ 0.7); real callers repeat themselves less exactly than a synthesiser, so operators
/// should check the false-reject rate on their own recordings with <c>eval --threshold</c>.
/// </remarks>
internal static class Calibration
{
    public static int ToScore(double fused, VerificationMode mode)
    {
        var (centre, scale) = mode == VerificationMode.TextDependent ? (TdCentre, TdScale) : (TiCentre, TiScale);
        var p = 1 / (1 + Math.Exp(-(fused - centre) / scale));
        return (int)Math.Round(100 * p);
    }

    public const double TiCentre = 0.35, TiScale = 0.1;
    public const double TdCentre = 1.5, TdScale = 0.5;
}
