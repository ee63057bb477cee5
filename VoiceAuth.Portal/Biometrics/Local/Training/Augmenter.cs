using VoiceAuth.Portal.Biometrics.Local.Audio;

namespace VoiceAuth.Portal.Biometrics.Local.Training;

/// <summary>
/// Multi-condition training data: each background recording is also heard as a phone call would deliver it
/// (G.711 coding, line and room noise at low SNR, level changes, a handset's spectral tilt), so that the
/// background model and the cohort cover the conditions verification meets — not just clean studio speech.
/// </summary>
internal sealed class Augmenter(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>The clean signal followed by <paramref name="copies"/> degraded versions of it.</summary>
    public IEnumerable<float[]> Variants(float[] clean, int copies)
    {
        yield return clean;
        for (var i = 0; i < copies; i++)
        {
            yield return Degrade(clean, i);
        }
    }

    /// <summary>
    /// Kinds 0 and 1: steady pink or white noise at 3–20 dB SNR. Kind 2 (enrollment's third copy): babble-like noise
    /// at 0–6 dB, a worse call than the steady copies cover; it only adds draws after theirs, so they are unchanged.
    /// </summary>
    public float[] Degrade(float[] x, int kind)
    {
        var y = Tilt(x, Uniform(-0.5, 0.7));
        y = kind < 2
            ? Add(y, kind % 2 == 0 ? PinkNoise(y.Length) : WhiteNoise(y.Length), Uniform(3, 20))
            : Add(y, BabbleLikeNoise(y.Length), Uniform(0, 6));
        Scale(y, Math.Pow(10, Uniform(-20, 0) / 20));
        return kind % 3 == 2 ? Companded(y, G711.ALaw) : Companded(y, G711.MuLaw);
    }

    private double Uniform(double lo, double hi) => lo + (hi - lo) * random.NextDouble();

    private static float[] Tilt(float[] x, double a)
    {
        var y = new float[x.Length];
        for (var n = 0; n < x.Length; n++)
        {
            y[n] = (float)((x[n] - a * (n > 0 ? x[n - 1] : 0)) / (1 + Math.Abs(a)));
        }

        return y;
    }

    private static float[] Add(float[] x, float[] noise, double snrDb)
    {
        var ps = x.Average(v => (double)v * v);
        var pn = noise.Average(v => (double)v * v);
        var gain = (float)Math.Sqrt(ps / Math.Max(pn, 1e-20) / Math.Pow(10, snrDb / 10));
        var y = new float[x.Length];
        for (var n = 0; n < x.Length; n++)
        {
            y[n] = x[n] + gain * noise[n];
        }

        return y;
    }

    private static void Scale(float[] x, double gain)
    {
        var peak = x.Max(Math.Abs);
        var g = (float)Math.Min(gain, 0.99 / Math.Max(peak, 1e-9)); // a level change, never clipping
        for (var n = 0; n < x.Length; n++)
        {
            x[n] *= g;
        }
    }

    private float[] WhiteNoise(int n)
    {
        var w = new float[n];
        for (var i = 0; i < n; i++)
        {
            w[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return w;
    }

    /// <summary>
    /// Pink noise waxing and waning at syllable rate, one envelope per imagined talker: it fluctuates as other voices
    /// do, so it masks some stretches of speech far more than others, and a quiet frame does not show its level.
    /// </summary>
    private float[] BabbleLikeNoise(int n)
    {
        var w = PinkNoise(n);
        var rates = Enumerable.Range(0, Talkers).Select(_ => (Hz: Uniform(1.5, 3), Phase: Uniform(0, Math.PI))).ToArray();
        for (var i = 0; i < n; i++)
        {
            double envelope = 0;
            foreach (var (hz, phase) in rates)
            {
                envelope += Math.Abs(Math.Sin(2 * Math.PI * hz * i / PhoneBand.SampleRate + phase));
            }

            w[i] *= (float)envelope;
        }

        return w;
    }

    private const int Talkers = 3;

    /// <summary>Paul Kellet's economical pink-noise filter over white noise.</summary>
    private float[] PinkNoise(int n)
    {
        var w = WhiteNoise(n);
        double b0 = 0, b1 = 0, b2 = 0;
        for (var i = 0; i < n; i++)
        {
            b0 = 0.99765 * b0 + w[i] * 0.0990460;
            b1 = 0.96300 * b1 + w[i] * 0.2965164;
            b2 = 0.57000 * b2 + w[i] * 1.0526913;
            w[i] = (float)(b0 + b1 + b2 + w[i] * 0.1848);
        }

        return w;
    }

    /// <summary>Round trip through an 8-bit G.711 law: quantise by the nearest table entry.</summary>
    private static float[] Companded(float[] x, short[] table)
    {
        var levels = table.Select(v => v / 32768f).Distinct().Order().ToArray();
        var y = new float[x.Length];
        for (var n = 0; n < x.Length; n++)
        {
            var i = Array.BinarySearch(levels, x[n]);
            if (i < 0)
            {
                i = ~i;
                if (i == levels.Length || (i > 0 && x[n] - levels[i - 1] < levels[i] - x[n]))
                {
                    i--;
                }
            }

            y[n] = levels[i];
        }

        return y;
    }
}
