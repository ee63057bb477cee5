namespace VoiceAuth.Portal.Biometrics.Local.Modeling;

/// <summary>A Gaussian mixture with diagonal covariances, stored flat (component-major) for fast scoring.</summary>
internal sealed class DiagonalGmm
{
    public DiagonalGmm(float[] weights, float[] means, float[] variances, int dimension)
    {
        Dimension = dimension;
        Components = weights.Length;
        Weights = weights;
        Means = means;
        Variances = variances;
        Precisions = new float[variances.Length];
        LogConstants = new float[Components];
        for (var c = 0; c < Components; c++)
        {
            double logDet = 0;
            for (var j = 0; j < dimension; j++)
            {
                var v = variances[c * dimension + j];
                Precisions[c * dimension + j] = 1f / v;
                logDet += Math.Log(v);
            }

            LogConstants[c] = (float)(Math.Log(Math.Max(weights[c], 1e-10)) - 0.5 * (dimension * Math.Log(2 * Math.PI) + logDet));
        }
    }

    public int Components { get; }
    public int Dimension { get; }
    public float[] Weights { get; }
    public float[] Means { get; }
    public float[] Variances { get; }
    public float[] Precisions { get; }
    public float[] LogConstants { get; }

    public ReadOnlySpan<float> Mean(int c) => Means.AsSpan(c * Dimension, Dimension);

    /// <summary>log(w_c · N(x; μ_c, Σ_c)) for every component.</summary>
    public void ComponentLogLikelihoods(ReadOnlySpan<float> x, Span<float> output)
    {
        for (var c = 0; c < Components; c++)
        {
            output[c] = LogConstants[c] - 0.5f * VectorMath.WeightedSquaredDistance(x, Means.AsSpan(c * Dimension, Dimension), Precisions.AsSpan(c * Dimension, Dimension));
        }
    }

    /// <summary>Same as <see cref="ComponentLogLikelihoods"/> for one component, with other means (an adapted model).</summary>
    public float ComponentLogLikelihood(ReadOnlySpan<float> x, int c, ReadOnlySpan<float> mean) =>
        LogConstants[c] - 0.5f * VectorMath.WeightedSquaredDistance(x, mean, Precisions.AsSpan(c * Dimension, Dimension));

    /// <summary>Indices of the <paramref name="top"/> largest values (the components that matter for a frame).</summary>
    public static void TopIndices(ReadOnlySpan<float> values, Span<int> top)
    {
        var k = top.Length;
        Span<float> best = stackalloc float[k];
        best.Fill(float.NegativeInfinity);
        top.Clear();
        for (var c = 0; c < values.Length; c++)
        {
            var v = values[c];
            if (v <= best[k - 1])
            {
                continue;
            }

            var i = k - 1;
            while (i > 0 && best[i - 1] < v)
            {
                best[i] = best[i - 1];
                top[i] = top[i - 1];
                i--;
            }

            best[i] = v;
            top[i] = c;
        }
    }
}
