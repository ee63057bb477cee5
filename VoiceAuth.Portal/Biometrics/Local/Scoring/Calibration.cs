namespace VoiceAuth.Portal.Biometrics.Local.Scoring;

/// <summary>
/// Maps the fused score onto 0–100 with a logistic curve. The fused score is in cohort-normalised units
/// (standard deviations above the impostor mean), so one curve serves every user: 50 sits where measured
/// impostor acceptance becomes rare (see docs/benchmarks.md for the rates at the default threshold).
/// </summary>
internal static class Calibration
{
    public static int ToScore(double fused, VerificationMode mode)
    {
        var (centre, scale) = mode == VerificationMode.TextDependent ? (TdCentre, TdScale) : (TiCentre, TiScale);
        var p = 1 / (1 + Math.Exp(-(fused - centre) / scale));
        return (int)Math.Round(100 * p);
    }

    public const double TiCentre = 5.0, TiScale = 1.0;
    public const double TdCentre = 10.0, TdScale = 3.0;
}
