using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Training;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Training;

public sealed class AugmenterTests
{
    // Two seconds of steady tone, then two of silence, where only the added noise is left.
    private static float[] ToneThenSilence() =>
        Enumerable.Range(0, 4 * 8000).Select(n => n < 2 * 8000 ? 0.3f * MathF.Sin(2 * MathF.PI * 1000 * n / 8000) : 0f).ToArray();

    /// <summary>Tone over noise, in dB: the tone half's power less the noise, over the silent half's power.</summary>
    private static double SnrDb(float[] y)
    {
        var half = y.Length / 2;
        var noise = y.Skip(half).Average(v => (double)v * v);
        var tone = y.Take(half).Average(v => (double)v * v);
        return 10 * Math.Log10(Math.Max(tone - noise, 1e-12) / noise);
    }

    [Fact]
    public void TheThirdEnrollmentCopyIsAlwaysTheNoisiest()
    {
        Assert.Equal(3, AudioPipeline.EnrollmentCopies);
        for (var seed = 1; seed <= 20; seed++)
        {
            var augmenter = new Augmenter(seed);
            var x = ToneThenSilence();
            var steady = new[] { SnrDb(augmenter.Degrade(x, 0)), SnrDb(augmenter.Degrade(x, 1)) };
            var low = SnrDb(augmenter.Degrade(x, 2));
            // 0–6 dB over the whole recording (+3 dB over the tone half here), against 3–20 dB for the steady copies.
            Assert.True(low < 9.5 && low < steady.Min(), $"seed {seed}: low-SNR copy {low:F1} dB, steady copies {steady[0]:F1} / {steady[1]:F1} dB");
        }
    }
}
