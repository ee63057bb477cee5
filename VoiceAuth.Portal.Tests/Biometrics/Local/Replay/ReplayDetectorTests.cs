using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Audio;
using VoiceAuth.Portal.Biometrics.Local.Replay;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Replay;

/// <summary>
/// The replay check on its own: copies sent down a noisy μ-law line must land well above the default cut-off,
/// new repetitions of the same words (other tempo and pitch, other voices) well below it.
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class ReplayDetectorTests(SpeechCorpusFixture corpus)
{
    private static readonly LocalEngineOptions Options = new();

    private static uint[] Fingerprint(byte[] wav) => ReplayDetector.Trim(AudioPipeline.Process(wav, Options).Utterance!.Fingerprint);

    private uint[] Fingerprint(string relative) => Fingerprint(corpus.Wav(relative));

    [Theory]
    [InlineData("wav/syn-flite-kal/p0-v0.wav")]
    [InlineData("wav/syn-espeak-en-us-f2/p1-v2.wav")]
    [InlineData("wav/allison-en/" + "*")]
    public void ACopyDownANoisyMuLawLineMatchesItsOriginal(string relative)
    {
        var path = relative.EndsWith('*') ? FirstWav(relative[..^1]) : relative;
        var original = WavReader.Read(corpus.Wav(path), 1 << 24, 60).Audio!;
        var replayed = TestAudio.MuLaw(TestAudio.Mix(original.Samples.Select(s => 0.7f * s).ToArray(), TestAudio.Noise(original.Seconds, 0.004)));
        var similarity = ReplayDetector.Similarity(Fingerprint(replayed), Fingerprint(path));
        Assert.True(similarity >= Options.ReplaySimilarity + 0.05, $"replay agreement {similarity:F3}");
    }

    [Theory]
    [InlineData("wav/syn-flite-kal/p0-v0.wav", "wav/syn-flite-kal/p0-v1.wav")]   // same voice and words, other tempo and pitch
    [InlineData("wav/syn-flite-kal/p0-v0.wav", "wav/syn-flite-slt/p0-v0.wav")]   // same words, other voice
    [InlineData("wav/syn-flite-kal/p0-v0.wav", "wav/syn-flite-kal/p1-v0.wav")]   // same voice, other words
    public void ANewRepetitionIsNotACopy(string a, string b)
    {
        var similarity = ReplayDetector.Similarity(Fingerprint(a), Fingerprint(b));
        Assert.True(similarity < Options.ReplaySimilarity, $"agreement {similarity:F3}");
    }

    [Fact]
    public void SilenceOrTooLittleSpeechNeverMatches() => Assert.Equal(0, ReplayDetector.Similarity([], Fingerprint("wav/syn-flite-kal/p0-v0.wav")));

    private string FirstWav(string folder) =>
        Path.GetRelativePath(corpus.Directory, Directory.GetFiles(Path.Combine(corpus.Directory, folder), "*.wav").Order(StringComparer.Ordinal).First());
}
