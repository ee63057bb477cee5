using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Modeling;

/// <summary>
/// GMM-UBM average log-likelihood ratio with top-C fast scoring: the background model picks the few
/// components that matter for each frame, and every adapted model (the claimant and each cohort model)
/// is evaluated on those only.
/// </summary>
internal static class LikelihoodRatio
{
    /// <summary>Builds the full means of a model stored as offsets in background standard deviations.</summary>
    public static float[] MeansFromOffsets(DiagonalGmm ubm, ReadOnlySpan<float> offsets)
    {
        var means = new float[ubm.Means.Length];
        for (var k = 0; k < means.Length; k++)
        {
            means[k] = ubm.Means[k] + offsets[k] * MathF.Sqrt(ubm.Variances[k]);
        }

        return means;
    }

    /// <summary>Scores the utterance against every model at once; one average LLR per model.</summary>
    public static double[] Score(DiagonalGmm ubm, Utterance utterance, FeatureStream stream, IReadOnlyList<float[]> models)
    {
        const int top = SufficientStatistics.TopComponents;
        var d = ubm.Dimension;
        var ll = new float[ubm.Components];
        var totals = new double[models.Count];
        Span<int> best = stackalloc int[top];
        Span<float> values = stackalloc float[top];
        for (var t = 0; t < utterance.FrameCount; t++)
        {
            var x = utterance.Frame(t, stream);
            ubm.ComponentLogLikelihoods(x, ll);
            DiagonalGmm.TopIndices(ll, best);
            for (var i = 0; i < top; i++)
            {
                values[i] = ll[best[i]];
            }

            var background = VectorMath.LogSumExp(values);
            for (var m = 0; m < models.Count; m++)
            {
                var means = models[m];
                for (var i = 0; i < top; i++)
                {
                    var c = best[i];
                    values[i] = ubm.ComponentLogLikelihood(x, c, means.AsSpan(c * d, d));
                }

                totals[m] += VectorMath.LogSumExp(values) - background;
            }
        }

        for (var m = 0; m < totals.Length; m++)
        {
            totals[m] /= Math.Max(1, utterance.FrameCount);
        }

        return totals;
    }
}
