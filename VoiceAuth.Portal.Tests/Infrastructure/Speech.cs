using VoiceAuth.Portal.Tests.Biometrics;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>Recordings from the project's own small speech corpus, by role, for whole-call tests.</summary>
public sealed class Speech(SpeechCorpusFixture corpus)
{
    /// <summary>flite "kal" saying the default passphrase: three enrollment takes, then later takes of the same voice.</summary>
    public byte[][] Enrollment => [corpus.Wav("wav/syn-flite-kal/p0-v0.wav"), corpus.Wav("wav/syn-flite-kal/p0-v1.wav"), corpus.Wav("wav/syn-flite-kal/p0-v2.wav")];

    public byte[][] Genuine => [corpus.Wav("wav/syn-flite-kal/p0-v3.wav"), corpus.Wav("wav/syn-flite-kal/p0-v4.wav")];

    /// <summary>Other voices saying the same passphrase.</summary>
    public byte[][] Impostor => [corpus.Wav("wav/syn-espeak-en-us-m1/p0-v3.wav"), corpus.Wav("wav/syn-flite-slt/p0-v4.wav")];

    /// <summary>Speech driven far into clipping: a recording the quality gate refuses.</summary>
    public static byte[] Clipped => TestAudio.Pcm16(TestAudio.SpeechLike(2.5, peak: 4.0));

    /// <summary>Two seconds of line hiss: no speech at all.</summary>
    public static byte[] Silence => TestAudio.Pcm16(TestAudio.Noise(2.0, 0.0005));
}
