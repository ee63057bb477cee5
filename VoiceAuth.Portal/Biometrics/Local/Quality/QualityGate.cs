using VoiceAuth.Portal.Biometrics.Local.Audio;
using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Quality;

/// <summary>
/// Refuses recordings that cannot be scored fairly, each with a code the phone flow can speak back
/// (compare VoiceIt's SSTQ, SSTL, SRNR, NEHSD, SGTL). Checked before any model sees the audio.
/// </summary>
internal static class QualityGate
{
    private const double SilenceDb = -70;   // nothing in the recording ever rises above this: no speech
    private const double MinVoicedSeconds = 0.3;

    public static ReasonCode Check(DecodedAudio audio, Utterance utterance, LocalEngineOptions options)
    {
        var v = utterance.Voice;
        if (audio.ClippedFraction > options.MaxClippedFraction)
        {
            return ReasonCode.TooLoud;
        }

        if (v.PeakDb < SilenceDb || v.SpeechSeconds < MinVoicedSeconds)
        {
            return ReasonCode.NoSpeech;
        }

        if (v.SpeechLevelDb < options.MinSpeechLevelDb)
        {
            return ReasonCode.TooQuiet;
        }

        if (v.SnrDb < options.MinSnrDb)
        {
            return ReasonCode.TooNoisy;
        }

        return v.SpeechSeconds < options.MinSpeechSeconds ? ReasonCode.TooShort : ReasonCode.Ok;
    }
}
