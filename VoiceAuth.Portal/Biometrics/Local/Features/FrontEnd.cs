using NWaves.Filters.Fda;
using NWaves.Transforms;
using static VoiceAuth.Portal.Biometrics.Local.Features.FeatureSettings;

namespace VoiceAuth.Portal.Biometrics.Local.Features;

/// <summary>
/// MFCC front end on NWaves' FFT and mel filter bank: one pass gives the log-mel spectrum (for the replay
/// fingerprint), cepstra with deltas in two normalisations (<see cref="FeatureStream"/>, for the models) and
/// frame energies (for voice activity).
/// </summary>
internal static class FrontEnd
{
    private static readonly float[][] MelBank = FilterBanks.Triangular(FftSize, SampleRate, FilterBanks.MelBands(MelBands, SampleRate, LowHz, HighHz));
    private static readonly float[] Window = BuildHamming();
    private static readonly float[] Dct = BuildDct();

    /// <summary>Extracts features from phone-band samples at 8 kHz.</summary>
    /// <param name="x">Phone-band samples.</param>
    /// <param name="loosenWhenShort">
    /// True for recordings as received: in heavy noise the voice-activity cut is relaxed rather than keeping too little
    /// speech (<see cref="VoiceActivity"/>). False for the engine's own degraded copies.
    /// </param>
    /// <param name="version">The <see cref="FeatureSettings"/> version to extract (a background model's own).</param>
    public static Utterance Analyse(float[] x, bool loosenWhenShort = true, int version = FeatureSettings.Version)
    {
        if (!IsSupported(version))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "No such feature version.");
        }

        var frames = x.Length < FrameSize ? 0 : 1 + (x.Length - FrameSize) / HopSize;
        var fft = new RealFft(FftSize);
        var buffer = new float[FftSize];
        var spectrum = new float[FftSize / 2 + 1];
        var logMel = new float[frames * MelBands];
        var cepstra = new float[frames * Cepstra];
        var energyDb = new double[frames];
        for (var t = 0; t < frames; t++)
        {
            var start = t * HopSize;
            double energy = 0;
            for (var i = 0; i < FrameSize; i++)
            {
                var s = x[start + i];
                energy += s * s;
                var previous = start + i > 0 ? x[start + i - 1] : 0f;
                buffer[i] = (s - PreEmphasis * previous) * Window[i];
            }

            Array.Clear(buffer, FrameSize, FftSize - FrameSize);
            energyDb[t] = 10 * Math.Log10(energy / FrameSize + 1e-12);
            fft.PowerSpectrum(buffer, spectrum, false);
            var mel = logMel.AsSpan(t * MelBands, MelBands);
            for (var b = 0; b < MelBands; b++)
            {
                var filter = MelBank[b];
                double e = 0;
                for (var k = 0; k < spectrum.Length; k++)
                {
                    e += filter[k] * spectrum[k];
                }

                mel[b] = (float)Math.Log(e + 1e-9);
            }

            var c = cepstra.AsSpan(t * Cepstra, Cepstra);
            for (var j = 0; j < Cepstra; j++)
            {
                c[j] = Modeling.VectorMath.Dot(Dct.AsSpan(j * MelBands, MelBands), mel);
            }
        }

        var (speech, stats) = VoiceActivity.Detect(energyDb, loosenWhenShort);
        var dimension = DimensionOf(version);
        var meanNormalised = Select(cepstra, frames, speech, dimension, out var count);
        Normalise(meanNormalised, count, dimension, out var spread);
        var features = (float[])meanNormalised.Clone();
        Scale(features, count, dimension, spread);
        return new Utterance(features, meanNormalised, count, Fingerprints.Compute(logMel, frames, speech), stats, version);
    }

    private static float[] Select(float[] cepstra, int frames, bool[] speech, int dimension, out int count)
    {
        count = speech.Count(s => s);
        var output = new float[count * dimension];
        var row = 0;
        for (var t = 0; t < frames; t++)
        {
            if (!speech[t])
            {
                continue;
            }

            // Deltas come from the contiguous sequence, before pauses are dropped, so they describe real movement.
            var o = output.AsSpan(row++ * dimension, dimension);
            cepstra.AsSpan(t * Cepstra, Cepstra).CopyTo(o);
            for (var j = 0; j < Cepstra; j++)
            {
                o[Cepstra + j] = Delta(cepstra, frames, t, j);
            }

            // Accelerations (version 5, the lower cepstra): the same regression over the neighbouring frames' deltas.
            for (var j = 0; j < dimension - TemplateDimension; j++)
            {
                float a = 0;
                for (var n = 1; n <= DeltaWindow; n++)
                {
                    a += n * (Delta(cepstra, frames, Math.Min(frames - 1, t + n), j) - Delta(cepstra, frames, Math.Max(0, t - n), j));
                }

                o[TemplateDimension + j] = a / 10f;
            }
        }

        return output;
    }

    /// <summary>The regression slope of cepstrum <paramref name="j"/> over ±<see cref="DeltaWindow"/> frames around <paramref name="t"/> (edges repeated).</summary>
    private static float Delta(float[] cepstra, int frames, int t, int j)
    {
        float d = 0;
        for (var n = 1; n <= DeltaWindow; n++)
        {
            var ahead = Math.Min(frames - 1, t + n);
            var behind = Math.Max(0, t - n);
            d += n * (cepstra[ahead * Cepstra + j] - cepstra[behind * Cepstra + j]);
        }

        return d / 10f;
    }

    /// <summary>Per-utterance mean removal (the channel's fixed colouring and level); returns each dimension's spread.</summary>
    private static void Normalise(float[] f, int count, int dimension, out double[] spread)
    {
        spread = new double[dimension];
        if (count == 0)
        {
            return;
        }

        for (var j = 0; j < dimension; j++)
        {
            double sum = 0, sq = 0;
            for (var t = 0; t < count; t++)
            {
                double v = f[t * dimension + j];
                sum += v;
                sq += v * v;
            }

            var mean = sum / count;
            spread[j] = Math.Sqrt(Math.Max(sq / count - mean * mean, 1e-6));
            for (var t = 0; t < count; t++)
            {
                f[t * dimension + j] = (float)(f[t * dimension + j] - mean);
            }
        }
    }

    /// <summary>Divides mean-removed features by their spread: unit variance per utterance.</summary>
    private static void Scale(float[] f, int count, int dimension, double[] spread)
    {
        for (var t = 0; t < count; t++)
        {
            for (var j = 0; j < dimension; j++)
            {
                f[t * dimension + j] = (float)(f[t * dimension + j] / spread[j]);
            }
        }
    }

    private static float[] BuildHamming()
    {
        var w = new float[FrameSize];
        for (var i = 0; i < FrameSize; i++)
        {
            w[i] = (float)(0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (FrameSize - 1)));
        }

        return w;
    }

    private static float[] BuildDct()
    {
        var d = new float[Cepstra * MelBands];
        for (var j = 0; j < Cepstra; j++)
        {
            for (var b = 0; b < MelBands; b++)
            {
                d[j * MelBands + b] = (float)(Math.Sqrt((j == 0 ? 1.0 : 2.0) / MelBands) * Math.Cos(Math.PI * j * (b + 0.5) / MelBands));
            }
        }

        return d;
    }
}
