using NWaves.Operations;
using NWaves.Signals;
using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Biometrics.Local.Audio;

/// <summary>
/// Brings every channel to what a phone line carries (8 kHz, 300–3400 Hz), so that a browser microphone
/// and a call recording of the same person look alike to the models.
/// </summary>
internal static class PhoneBand
{
    public const int SampleRate = 8000;
    private static readonly float[] Kernel = DesignBandPass(101, 300, 3400);

    public static float[] Apply(DecodedAudio audio)
    {
        var samples = audio.SampleRate == SampleRate
            ? audio.Samples
            : Operation.Resample(new DiscreteSignal(audio.SampleRate, audio.Samples), SampleRate).Samples;
        return Filter(samples);
    }

    private static float[] Filter(float[] x)
    {
        // Direct-form FIR with zero-phase alignment (the kernel is symmetric): output stays time-aligned.
        var k = Kernel;
        var half = k.Length / 2;
        var y = new float[x.Length];
        for (var n = 0; n < x.Length; n++)
        {
            var lo = n - half;
            if (lo >= 0 && lo + k.Length <= x.Length)
            {
                y[n] = VectorMath.Dot(k, x.AsSpan(lo, k.Length));
                continue;
            }

            var acc = 0f;
            for (var m = Math.Max(0, lo); m <= Math.Min(x.Length - 1, n + half); m++)
            {
                acc += k[m - lo] * x[m];
            }

            y[n] = acc;
        }

        return y;
    }

    /// <summary>Windowed-sinc band-pass (Blackman), unity gain in the pass band; also removes DC.</summary>
    private static float[] DesignBandPass(int taps, double low, double high)
    {
        var h = new float[taps];
        var m = taps / 2;
        double f1 = low / SampleRate, f2 = high / SampleRate;
        for (var i = 0; i < taps; i++)
        {
            var n = i - m;
            var ideal = n == 0 ? 2 * (f2 - f1) : (Math.Sin(2 * Math.PI * f2 * n) - Math.Sin(2 * Math.PI * f1 * n)) / (Math.PI * n);
            var w = 0.42 - 0.5 * Math.Cos(2 * Math.PI * i / (taps - 1)) + 0.08 * Math.Cos(4 * Math.PI * i / (taps - 1));
            h[i] = (float)(ideal * w);
        }

        return h;
    }
}
