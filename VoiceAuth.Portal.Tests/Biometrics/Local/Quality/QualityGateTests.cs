using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Quality;

public sealed class QualityGateTests
{
    private static readonly LocalEngineOptions Options = new();

    private static ReasonCode Check(byte[] wav) => AudioPipeline.Process(wav, Options).Reason;

    [Fact]
    public void Accepts_clear_speech() => Assert.Equal(ReasonCode.Ok, Check(TestAudio.Pcm16(TestAudio.SpeechLike(3))));

    [Fact]
    public void Accepts_browser_audio_at_48_kHz_stereo() =>
        Assert.Equal(ReasonCode.Ok, Check(TestAudio.Pcm16(TestAudio.SpeechLike(3, rate: 48000), 48000, channels: 2)));

    [Fact]
    public void Refuses_too_little_speech() => Assert.Equal(ReasonCode.TooShort, Check(TestAudio.Pcm16(TestAudio.SpeechLike(1.2))));

    [Fact]
    public void Refuses_an_over_long_recording() => Assert.Equal(ReasonCode.TooLong, Check(TestAudio.Pcm16(TestAudio.SpeechLike(31))));

    [Fact]
    public void Refuses_very_quiet_speech() => Assert.Equal(ReasonCode.TooQuiet, Check(TestAudio.Pcm16(TestAudio.SpeechLike(3, peak: 0.002))));

    [Fact]
    public void Refuses_clipped_speech()
    {
        var loud = TestAudio.SpeechLike(3, peak: 6).Select(v => Math.Clamp(v, -1f, 1f)).ToArray();
        Assert.Equal(ReasonCode.TooLoud, Check(TestAudio.Pcm16(loud)));
    }

    [Fact]
    public void Refuses_digital_silence() => Assert.Equal(ReasonCode.NoSpeech, Check(TestAudio.Pcm16(new float[8000 * 3])));

    [Fact]
    public void Refuses_steady_noise_as_no_speech() => Assert.Equal(ReasonCode.NoSpeech, Check(TestAudio.Pcm16(TestAudio.Noise(3, 0.3))));

    [Fact]
    public void Refuses_speech_buried_in_noise()
    {
        var speech = TestAudio.SpeechLike(4, peak: 0.3);
        Assert.Equal(ReasonCode.TooNoisy, Check(TestAudio.Pcm16(TestAudio.Mix(speech, TestAudio.Noise(4, 0.12)))));
    }
}
