using VoiceAuth.Portal.Biometrics.Local.Audio;
using VoiceAuth.Portal.Biometrics.Local.Features;
using VoiceAuth.Portal.Biometrics.Local.Quality;
using VoiceAuth.Portal.Biometrics.Local.Training;

namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>WAV bytes → phone-band samples → features, with the quality gate; the one path every caller uses.</summary>
internal static class AudioPipeline
{
    /// <summary>
    /// Degraded copies of each enrollment recording (and of each cohort model's speech) that the speaker model also
    /// learns from: two with steady noise, one with babble-like noise at 0–6 dB (see <see cref="Augmenter.Degrade"/>).
    /// </summary>
    public const int EnrollmentCopies = 3;

    /// <param name="featureVersion">The features to extract: those of the background model the recording is scored or learnt against.</param>
    public static (Utterance? Utterance, ReasonCode Reason) Process(ReadOnlySpan<byte> wav, LocalEngineOptions options, int featureVersion = FeatureSettings.Version)
    {
        var (utterance, _, reason) = ProcessKeepingSamples(wav, options, featureVersion);
        return (utterance, reason);
    }

    /// <summary>As <see cref="Process"/>, also returning the phone-band samples (for <see cref="Degraded"/>).</summary>
    public static (Utterance? Utterance, float[]? Samples, ReasonCode Reason) ProcessKeepingSamples(ReadOnlySpan<byte> wav, LocalEngineOptions options,
        int featureVersion = FeatureSettings.Version)
    {
        var decoded = WavReader.Read(wav, options.MaxFileBytes, options.MaxRecordingSeconds);
        if (decoded.Audio is null)
        {
            return (null, null, decoded.Reason);
        }

        var samples = PhoneBand.Apply(decoded.Audio);
        var utterance = FrontEnd.Analyse(samples, version: featureVersion);
        var quality = QualityGate.Check(decoded.Audio, utterance, options);
        return quality == ReasonCode.Ok ? (utterance, samples, quality) : (null, null, quality);
    }

    /// <summary>
    /// The same speech as a worse phone call would deliver it (noise, G.711, tilt, level; see <see cref="Augmenter"/>),
    /// each copy band-limited again as any received audio is. Enrollment is usually clean and verification often is
    /// not: a model that has also seen its owner's voice through noise loses far less when the call is noisy.
    /// Deterministic for a given seed, so the same recordings always give the same voiceprint.
    /// </summary>
    public static IEnumerable<Utterance> Degraded(float[] phoneBand, int copies, int seed, int featureVersion = FeatureSettings.Version)
    {
        var augmenter = new Augmenter(seed);
        for (var i = 0; i < copies; i++)
        {
            // Strict voice activity: a copy is never refused, so it needs no rescue, and its strict frames are the
            // ones known to be speech rather than noise (relaxing them cost the milder noisy trials; benchmarks.md).
            var samples = PhoneBand.Apply(new DecodedAudio(augmenter.Degrade(phoneBand, i), PhoneBand.SampleRate, 0));
            var u = FrontEnd.Analyse(samples, loosenWhenShort: false, featureVersion);
            if (u.FrameCount > 0)
            {
                yield return u;
            }
        }
    }
}
