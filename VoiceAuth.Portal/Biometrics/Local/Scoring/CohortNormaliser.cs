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

    /// <summary>Experiment knob (eval-lso --nearest K): normalise by the K cohort models nearest the claimant's model; 0 = all.</summary>
    public static int Nearest { get; set; }

    /// <summary>
    /// The claimant's score minus the mean score of the <paramref name="k"/> cohort models nearest the claimant's own
    /// model (<paramref name="distances"/>): someone who sounds like the claimant also sounds like the claimant's
    /// neighbours, so a high score shared with them is not evidence.
    /// </summary>
    public static double NormaliseNearest(double score, ReadOnlySpan<double> cohortScores, ReadOnlySpan<double> distances, int k)
    {
        if (k <= 0 || k >= cohortScores.Length)
        {
            return Normalise(score, cohortScores);
        }

        var order = new int[distances.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = distances.ToArray();
        Array.Sort(keys, order);
        double sum = 0;
        for (var i = 0; i < k; i++)
        {
            sum += cohortScores[order[i]];
        }

        return score - sum / k;
    }

    /// <summary>Weighted squared distance between two models stored as offsets in background standard deviations.</summary>
    public static double Distance(ReadOnlySpan<float> weights, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int dimension)
    {
        double total = 0;
        for (var c = 0; c < weights.Length; c++)
        {
            double d2 = 0;
            for (var j = 0; j < dimension; j++)
            {
                var d = a[c * dimension + j] - b[c * dimension + j];
                d2 += d * d;
            }

            total += weights[c] * d2;
        }

        return total;
    }
}
