namespace VoiceAuth.Portal.Biometrics.Local.Scoring;

/// <summary>
/// Cohort normalisation: the claimant's log-likelihood ratio minus the mean ratio that the same recording gets
/// from a cohort of background speakers' models. This removes what the recording itself contributes (a recording
/// the background model fits badly scores high against any adapted model), so zero means "no more alike than a
/// typical stranger" in every condition.
/// </summary>
/// <remarks>
/// Full T-norm (also dividing by the cohort's spread) was measured and dropped: with ~50 cohort models and
/// recordings of a few seconds the spread estimate is itself noisy, and dividing by it raised ti's EER from
/// about 7 % to 9 % (docs/benchmarks.md); it did cut td's minDCF, a trade-off noted there.
/// </remarks>
internal static class CohortNormaliser
{
    public static double Normalise(double score, ReadOnlySpan<double> cohortScores)
    {
        if (cohortScores.IsEmpty)
        {
            return score;
        }

        double sum = 0;
        foreach (var s in cohortScores)
        {
            sum += s;
        }

        return score - sum / cohortScores.Length;
    }
}
