using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Quality;

public sealed class QualityGateTests
{
    private static readonly LocalEngineOptions Options = new();

    private static ReasonCode Check(byte[] wav) => AudioPipeline.Process(wav, Options).Reason;

    [Fact]
    public void AcceptsClearSpeech() => Assert.Equal(ReasonCode.Ok, Check(TestAudio.Pcm16(TestAudio.SpeechLike(3))));

    [Fact]
    public void AcceptsBrowserAudioAt48KHzStereo() =>
        Assert.Equal(ReasonCode.Ok, Check(TestAudio.Pcm16(TestAudio.SpeechLike(3, rate: 48000), 48000, channels: 2)));

    [Fact]
    public void RefusesTooLittleSpeech() => Assert.Equal(ReasonCode.TooShort, Check(TestAudio.Pcm16(TestAudio.SpeechLike(1.2))));

    [Fact]
    public void RefusesAnOverLongRecording() => Assert.Equal(ReasonCode.TooLong, Check(TestAudio.Pcm16(TestAudio.SpeechLike(31))));

    [Fact]
    public void RefusesVeryQuietSpeech() => Assert.Equal(ReasonCode.TooQuiet, Check(TestAudio.Pcm16(TestAudio.SpeechLike(3, peak: 0.002))));

    [Fact]
    public void RefusesClippedSpeech()
    {
        var loud = TestAudio.SpeechLike(3, peak: 6).Select(v => Math.Clamp(v, -1f, 1f)).ToArray();
        Assert.Equal(ReasonCode.TooLoud, Check(TestAudio.Pcm16(loud)));
    }

    [Fact]
    public void RefusesDigitalSilence() => Assert.Equal(ReasonCode.NoSpeech, Check(TestAudio.Pcm16(new float[8000 * 3])));

    [Fact]
    public void RefusesSteadyNoiseAsNoSpeech() => Assert.Equal(ReasonCode.NoSpeech, Check(TestAudio.Pcm16(TestAudio.Noise(3, 0.3))));

    /// <summary>
    /// Noise swelling and fading at syllable rate has no steady floor to hide under; the voice-activity fallback
    /// for heavy noise (a 3 dB margin when 6 dB keeps under 1 s) must not turn it into speech.
    /// </summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.7)]
    public void RefusesNoiseThatWaxesAndWanes(double depth)
    {
        var noise = TestAudio.Noise(4, 0.3)
            .Select((v, i) => (float)(v * (1 - depth + depth * (0.5 + 0.5 * Math.Sin(2 * Math.PI * 4 * i / 8000.0)))))
            .ToArray();
        Assert.Contains(Check(TestAudio.Pcm16(noise)), new[] { ReasonCode.NoSpeech, ReasonCode.TooNoisy, ReasonCode.TooShort });
    }

    [Fact]
    public void RefusesSpeechBuriedInNoise()
    {
        var speech = TestAudio.SpeechLike(4, peak: 0.3);
        Assert.Equal(ReasonCode.TooNoisy, Check(TestAudio.Pcm16(TestAudio.Mix(speech, TestAudio.Noise(4, 0.06)))));
    }
}
