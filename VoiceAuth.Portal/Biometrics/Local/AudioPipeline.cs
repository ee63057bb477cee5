using VoiceAuth.Portal.Biometrics.Local.Audio;
using VoiceAuth.Portal.Biometrics.Local.Features;
using VoiceAuth.Portal.Biometrics.Local.Quality;

namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>WAV bytes → phone-band samples → features, with the quality gate; the one path every caller uses.</summary>
internal static class AudioPipeline
{
    public static (Utterance? Utterance, ReasonCode Reason) Process(ReadOnlySpan<byte> wav, LocalEngineOptions options)
    {
        var decoded = WavReader.Read(wav, options.MaxFileBytes, options.MaxRecordingSeconds);
        if (decoded.Audio is null)
        {
            return (null, decoded.Reason);
        }

        var utterance = FrontEnd.Analyse(PhoneBand.Apply(decoded.Audio));
        var quality = QualityGate.Check(decoded.Audio, utterance, options);
        return (quality == ReasonCode.Ok ? utterance : null, quality);
    }
}
