namespace VoiceAuth.Portal.Biometrics.Local.Scoring;

/// <summary>
/// Test normalisation (T-norm): how far the claimant's score stands above the scores the same recording
/// gets from a cohort of background speakers' models, in their standard deviations. Removes what the
/// recording itself contributes (noise, channel, length), which is what makes one threshold fit all.
/// </summary>
internal static class CohortNormaliser
{
    private const double MinDeviation = 0.05; // a tiny cohort spread must not blow scores up

    public static double Normalise(double score, ReadOnlySpan<double> cohortScores)
    {
        if (cohortScores.IsEmpty)
        {
            return score;
        }

        double sum = 0, sq = 0;
        foreach (var s in cohortScores)
        {
            sum += s;
            sq += s * s;
        }

        var mean = sum / cohortScores.Length;
        var deviation = Math.Sqrt(Math.Max(sq / cohortScores.Length - mean * mean, 0));
        return (score - mean) / Math.Max(deviation, MinDeviation);
    }
}
