using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Biometrics.Local.Training;

/// <summary>
/// Expectation–maximisation for a diagonal GMM grown by binary splitting (1 → 2 → … → N components),
/// deterministic for a given frame order. Runs on all cores: frames are split into fixed partitions whose
/// sums are added in order, so the result does not depend on scheduling.
/// </summary>
internal sealed class UbmTrainer(int dimension, Action<string> log)
{
    /// <summary>
    /// Variances never fall below this fraction of the training data's own variance in that dimension: relative, so
    /// that streams of other scales (mean-normalised cepstra span far more than unit-variance ones) are floored alike.
    /// </summary>
    private const float VarianceFloor = 0.01f;
    private float[] floor = [];

    public DiagonalGmm Train(float[] frames, int components, int iterationsPerSplit, int finalIterations)
    {
        var count = frames.Length / dimension;
        var gmm = Initial(frames, count);
        while (gmm.Components < components)
        {
            gmm = Split(gmm);
            var iterations = gmm.Components == components ? finalIterations : iterationsPerSplit;
            for (var i = 0; i < iterations; i++)
            {
                (gmm, var ll) = Iterate(gmm, frames, count);
                log($"  {gmm.Components} components, iteration {i + 1}: average log-likelihood {ll:F3}");
            }
        }

        return gmm;
    }

    private DiagonalGmm Initial(float[] frames, int count)
    {
        var mean = new double[dimension];
        var sq = new double[dimension];
        for (var t = 0; t < count; t++)
        {
            for (var j = 0; j < dimension; j++)
            {
                double v = frames[t * dimension + j];
                mean[j] += v;
                sq[j] += v * v;
            }
        }

        var means = mean.Select(m => (float)(m / count)).ToArray();
        var variances = sq.Select((s, j) => Math.Max(1e-6f, (float)(s / count - means[j] * (double)means[j]))).ToArray();
        floor = variances.Select(v => VarianceFloor * v).ToArray();
        return new DiagonalGmm([1f], means, variances, dimension);
    }

    private DiagonalGmm Split(DiagonalGmm g)
    {
        var c = g.Components;
        var weights = new float[2 * c];
        var means = new float[2 * c * dimension];
        var variances = new float[2 * c * dimension];
        for (var k = 0; k < c; k++)
        {
            for (var half = 0; half < 2; half++)
            {
                var target = 2 * k + half;
                weights[target] = g.Weights[k] / 2;
                for (var j = 0; j < dimension; j++)
                {
                    var v = g.Variances[k * dimension + j];
                    var sign = half == 0 ? 1 : -1;
                    means[target * dimension + j] = g.Means[k * dimension + j] + sign * 0.2f * MathF.Sqrt(v);
                    variances[target * dimension + j] = v;
                }
            }
        }

        return new DiagonalGmm(weights, means, variances, dimension);
    }

    private (DiagonalGmm, double) Iterate(DiagonalGmm g, float[] frames, int count)
    {
        var c = g.Components;
        var partitions = Math.Max(1, Environment.ProcessorCount) * 4;
        var acc = new Accumulator[partitions];
        Parallel.For(0, partitions, p =>
        {
            var a = new Accumulator(c, dimension);
            var ll = new float[c];
            for (var t = (int)((long)count * p / partitions); t < (int)((long)count * (p + 1) / partitions); t++)
            {
                var x = frames.AsSpan(t * dimension, dimension);
                g.ComponentLogLikelihoods(x, ll);
                var norm = VectorMath.LogSumExp(ll);
                a.LogLikelihood += norm;
                for (var k = 0; k < c; k++)
                {
                    var post = (float)Math.Exp(ll[k] - norm);
                    if (post < 1e-5f)
                    {
                        continue;
                    }

                    a.N[k] += post;
                    for (var j = 0; j < dimension; j++)
                    {
                        var v = x[j];
                        a.F[k * dimension + j] += post * v;
                        a.S[k * dimension + j] += post * v * v;
                    }
                }
            }

            acc[p] = a;
        });

        var total = acc[0];
        for (var p = 1; p < partitions; p++)
        {
            total.Add(acc[p]);
        }

        var weights = new float[c];
        var means = (float[])g.Means.Clone();
        var variances = (float[])g.Variances.Clone();
        for (var k = 0; k < c; k++)
        {
            var n = total.N[k];
            weights[k] = (float)Math.Max(n / count, 1e-6);
            if (n < 1e-3)
            {
                continue; // a starved component keeps its parameters rather than collapsing
            }

            for (var j = 0; j < dimension; j++)
            {
                var m = total.F[k * dimension + j] / n;
                means[k * dimension + j] = (float)m;
                variances[k * dimension + j] = (float)Math.Max(floor[j], total.S[k * dimension + j] / n - m * m);
            }
        }

        var sum = weights.Sum();
        return (new DiagonalGmm(weights.Select(w => w / sum).ToArray(), means, variances, dimension), total.LogLikelihood / count);
    }

    private sealed class Accumulator(int components, int dimension)
    {
        public double[] N { get; } = new double[components];
        public double[] F { get; } = new double[components * dimension];
        public double[] S { get; } = new double[components * dimension];
        public double LogLikelihood { get; set; }

        public void Add(Accumulator o)
        {
            LogLikelihood += o.LogLikelihood;
            for (var i = 0; i < N.Length; i++)
            {
                N[i] += o.N[i];
            }

            for (var i = 0; i < F.Length; i++)
            {
                F[i] += o.F[i];
                S[i] += o.S[i];
            }
        }
    }
}
