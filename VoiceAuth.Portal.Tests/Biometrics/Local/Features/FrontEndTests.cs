using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Features;

public sealed class FrontEndTests
{
    [Fact]
    public void GivesTheSameFramesMeanNormalisedAndMeanAndVarianceNormalised()
    {
        var u = FrontEnd.Analyse(TestAudio.SpeechLike(3));
        Assert.True(u.FrameCount > 100);
        var d = FeatureSettings.DimensionOf(FeatureSettings.Version);
        Assert.Equal(d, u.Dimension);
        for (var j = 0; j < d; j++)
        {
            var plain = Enumerable.Range(0, u.FrameCount).Select(t => (double)u.Frame(t, FeatureStream.MeanNormalised)[j]).ToArray();
            var scaled = Enumerable.Range(0, u.FrameCount).Select(t => (double)u.Frame(t)[j]).ToArray();
            Assert.Equal(0, plain.Average(), 3);
            Assert.Equal(0, scaled.Average(), 3);
            Assert.Equal(1, Math.Sqrt(scaled.Average(v => v * v)), 3);
            var spread = Math.Sqrt(plain.Average(v => v * v));
            Assert.All(Enumerable.Range(0, u.FrameCount), t => Assert.Equal(plain[t] / spread, scaled[t], 3));
        }
    }

    [Fact]
    public void Version_5_frames_are_version_4s_with_accelerations_after_them()
    {
        var audio = TestAudio.SpeechLike(3);
        var four = FrontEnd.Analyse(audio, version: 4);
        var five = FrontEnd.Analyse(audio, version: FeatureSettings.AccelerationVersion);

        Assert.Equal((26, 33), (four.Dimension, five.Dimension));
        Assert.Equal(four.FrameCount, five.FrameCount);
        Assert.Equal(FeatureSettings.AccelerationVersion, five.FeatureVersion);
        for (var t = 0; t < four.FrameCount; t += 7)
        {
            // Normalised per value, so the values version 4 has are exactly its own.
            Assert.Equal(four.Frame(t).ToArray(), five.Frame(t)[..26].ToArray());
            Assert.Equal(four.Frame(t, FeatureStream.MeanNormalised).ToArray(), five.Frame(t, FeatureStream.MeanNormalised)[..26].ToArray());
        }

        // The accelerations carry something of their own: unit spread, not a copy of the deltas.
        var acceleration = Enumerable.Range(0, five.FrameCount).Select(t => (double)five.Frame(t)[26]).ToArray();
        var delta = Enumerable.Range(0, five.FrameCount).Select(t => (double)five.Frame(t)[13]).ToArray();
        Assert.Equal(1, Math.Sqrt(acceleration.Average(v => v * v)), 3);
        Assert.NotEqual(delta, acceleration);
        Assert.Throws<ArgumentOutOfRangeException>(() => FrontEnd.Analyse(audio, version: 3));
    }
}
