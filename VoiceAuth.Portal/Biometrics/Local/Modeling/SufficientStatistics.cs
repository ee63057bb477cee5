using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Modeling;

/// <summary>Zeroth- and first-order Baum–Welch statistics of speech frames against the background model.</summary>
internal sealed class SufficientStatistics(int components, int dimension)
{
    public const int TopComponents = 5;

    public float[] Occupancy { get; } = new float[components];
    public float[] FirstOrder { get; } = new float[components * dimension];

    public static SufficientStatistics Collect(DiagonalGmm ubm, Utterance utterance, FeatureStream stream)
    {
        var stats = new SufficientStatistics(ubm.Components, ubm.Dimension);
        stats.Add(ubm, utterance, stream);
        return stats;
    }

    public void Add(DiagonalGmm ubm, Utterance utterance, FeatureStream stream)
    {
        var ll = new float[ubm.Components];
        Span<int> top = stackalloc int[TopComponents];
        Span<float> post = stackalloc float[TopComponents];
        for (var t = 0; t < utterance.FrameCount; t++)
        {
            var x = utterance.Frame(t, stream);
            ubm.ComponentLogLikelihoods(x, ll);
            DiagonalGmm.TopIndices(ll, top);
            for (var i = 0; i < TopComponents; i++)
            {
                post[i] = ll[top[i]];
            }

            var norm = (float)VectorMath.LogSumExp(post);
            for (var i = 0; i < TopComponents; i++)
            {
                var g = MathF.Exp(post[i] - norm);
                var c = top[i];
                Occupancy[c] += g;
                var f = FirstOrder.AsSpan(c * ubm.Dimension, ubm.Dimension);
                for (var j = 0; j < f.Length; j++)
                {
                    f[j] += g * x[j];
                }
            }
        }
    }

    public void Add(SufficientStatistics other)
    {
        for (var i = 0; i < Occupancy.Length; i++)
        {
            Occupancy[i] += other.Occupancy[i];
        }

        for (var i = 0; i < FirstOrder.Length; i++)
        {
            FirstOrder[i] += other.FirstOrder[i];
        }
    }

    /// <summary>
    /// MAP-adapted means (Reynolds et al. 2000), returned as offsets from the background means in units of
    /// the background standard deviation, which is how voiceprints and the cohort store them.
    /// </summary>
    public float[] AdaptedOffsets(DiagonalGmm ubm, float relevance)
    {
        var d = ubm.Dimension;
        var offsets = new float[FirstOrder.Length];
        for (var c = 0; c < Occupancy.Length; c++)
        {
            var n = Occupancy[c];
            if (n <= 1e-6f)
            {
                continue;
            }

            var alpha = n / (n + relevance);
            for (var j = 0; j < d; j++)
            {
                var k = c * d + j;
                offsets[k] = alpha * (FirstOrder[k] / n - ubm.Means[k]) * MathF.Sqrt(ubm.Precisions[k]);
            }
        }

        return offsets;
    }
}
