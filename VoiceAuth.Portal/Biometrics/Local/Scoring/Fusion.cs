namespace VoiceAuth.Portal.Biometrics.Local.Scoring;

/// <summary>Combines the speaker score with the passphrase match in text-dependent mode.</summary>
internal static class Fusion
{
    public const double DtwWeight = 4.0;

    /// <summary>The DTW ratio is 1 for a repetition as close as the enrollment's own; every unit above costs <see cref="DtwWeight"/>.</summary>
    public static double TextDependent(double normalisedLlr, double dtwRatio) => normalisedLlr - DtwWeight * (dtwRatio - 1);
}
