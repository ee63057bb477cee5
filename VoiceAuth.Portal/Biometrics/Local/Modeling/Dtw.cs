using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Modeling;

/// <summary>
/// Dynamic time warping between two feature sequences: small when the same words are said in the same
/// voice, large for other words (the text-dependent check) or another voice.
/// </summary>
internal static class Dtw
{
    /// <summary>Cepstra and deltas whatever the feature version: the passphrase check and its limits stay as measured.</summary>
    public const int Dimension = FeatureSettings.TemplateDimension;

    /// <summary>Halves the frame rate by averaging pairs: templates stay small and DTW four times cheaper.</summary>
    public static float[] Template(Utterance u)
    {
        var frames = u.FrameCount / 2;
        var t = new float[frames * Dimension];
        for (var i = 0; i < frames; i++)
        {
            var a = u.Frame(2 * i);
            var b = u.Frame(2 * i + 1);
            for (var j = 0; j < Dimension; j++)
            {
                t[i * Dimension + j] = 0.5f * (a[j] + b[j]);
            }
        }

        return t;
    }

    /// <summary>Average local distance along the best path within a Sakoe–Chiba band.</summary>
    public static double Distance(float[] a, float[] b)
    {
        int n = a.Length / Dimension, m = b.Length / Dimension;
        if (n == 0 || m == 0)
        {
            return double.PositiveInfinity;
        }

        var band = Math.Max(8, (int)(0.25 * Math.Max(n, m)));
        var previous = new double[m + 1];
        var current = new double[m + 1];
        var previousSteps = new int[m + 1];
        var currentSteps = new int[m + 1];
        Array.Fill(previous, double.PositiveInfinity);
        previous[0] = 0;
        for (var i = 1; i <= n; i++)
        {
            Array.Fill(current, double.PositiveInfinity);
            var centre = (int)((long)i * m / n);
            var lo = Math.Max(1, centre - band);
            var hi = Math.Min(m, centre + band);
            var x = a.AsSpan((i - 1) * Dimension, Dimension);
            for (var j = lo; j <= hi; j++)
            {
                var cost = Math.Sqrt(VectorMath.SquaredDistance(x, b.AsSpan((j - 1) * Dimension, Dimension)));
                double diagonal = previous[j - 1], up = previous[j], left = current[j - 1];
                if (diagonal <= up && diagonal <= left)
                {
                    current[j] = diagonal + 2 * cost;
                    currentSteps[j] = previousSteps[j - 1] + 2;
                }
                else if (up <= left)
                {
                    current[j] = up + cost;
                    currentSteps[j] = previousSteps[j] + 1;
                }
                else
                {
                    current[j] = left + cost;
                    currentSteps[j] = currentSteps[j - 1] + 1;
                }
            }

            (previous, current) = (current, previous);
            (previousSteps, currentSteps) = (currentSteps, previousSteps);
            if (i == 1)
            {
                previous[0] = double.PositiveInfinity;
            }
        }

        return double.IsPositiveInfinity(previous[m]) ? double.PositiveInfinity : previous[m] / Math.Max(1, previousSteps[m]);
    }
}
