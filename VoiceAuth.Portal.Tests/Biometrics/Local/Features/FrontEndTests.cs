using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Features;

public sealed class FrontEndTests
{
    [Fact]
    public void GivesTheSameFramesMeanNormalisedAndMeanAndVarianceNormalised()
    {
        var u = FrontEnd.Analyse(TestAudio.SpeechLike(3));
        Assert.True(u.FrameCount > 100);
        const int d = FeatureSettings.Dimension;
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
}
