namespace VoiceAuth.Portal.Biometrics.Local.Features;

/// <summary>
/// The front end's fixed settings. Enrollment and verification must use identical features, so these are
/// constants, identified by <see cref="Version"/>, which the background model and every voiceprint record.
/// </summary>
internal static class FeatureSettings
{
    /// <summary>Bump whenever anything below changes: older voiceprints and models are then refused.</summary>
    public const int Version = 1;

    public const int SampleRate = 8000;
    public const int FrameSize = 200;      // 25 ms
    public const int HopSize = 80;         // 10 ms
    public const int FftSize = 256;
    public const int MelBands = 24;
    public const double LowHz = 300, HighHz = 3400;
    public const float PreEmphasis = 0.97f;
    public const int Cepstra = 20;         // c0..c19; c0 becomes relative energy after normalisation
    public const int DeltaWindow = 2;
    public const int Dimension = 2 * Cepstra;
    public const double FrameSeconds = (double)HopSize / SampleRate;
}
