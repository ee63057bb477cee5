namespace VoiceAuth.Portal.Biometrics.Local.Scoring;

/// <summary>Combines the subsystems' speaker scores, and the speaker score with the passphrase match in text-dependent mode.</summary>
internal static class Fusion
{
    /// <summary>
    /// Equal weights, not fitted: both subsystems' scores are in the same units (average log-likelihood ratio per frame
    /// over a cohort), and no data here could fit weights without fitting them to the trial speakers.
    /// </summary>
    public static double Subsystems(double sum, int count) => sum / count;

    public const double DtwWeight = 4.0;

    /// <summary>The DTW ratio is 1 for a repetition as close as the enrollment's own; every unit above costs <see cref="DtwWeight"/>.</summary>
    public static double TextDependent(double normalisedLlr, double dtwRatio) => normalisedLlr - DtwWeight * (dtwRatio - 1);
}
