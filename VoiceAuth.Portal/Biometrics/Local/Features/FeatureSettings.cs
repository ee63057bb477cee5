namespace VoiceAuth.Portal.Biometrics.Local.Features;

/// <summary>
/// The front end's fixed settings. Enrollment and verification must use identical features, so these are
/// constants, identified by <see cref="Version"/>, which the background model and every voiceprint record.
/// </summary>
internal static class FeatureSettings
{
    /// <summary>The features <c>train-ubm</c> makes new background models with: the shipped model's (round 13: version 5).</summary>
    /// <remarks>
    /// Each background model records the version it was trained on, and the engine extracts each model's own features
    /// (<see cref="FrontEnd.Analyse"/>), so a new version does not turn earlier voiceprints into mismatches: they are
    /// scored against the earlier model they were made with until they move (<see cref="SpeakerVerifier"/>), with that
    /// version's calibration. Anything that changes the features of a version needs a new version.
    /// </remarks>
    public const int Version = AccelerationVersion;

    /// <summary>
    /// Cepstra and deltas, 26 values a frame: the models of rounds 5–12 (voiceprints made with them are still served).
    /// A received recording with less than 1 s of speech 6 dB over its noise floor is cut at 3 dB (<see cref="VoiceActivity"/>);
    /// 3 had the same without that; 2 had no mean-normalised stream (versions before 4 are no longer served).
    /// </summary>
    public const int DeltasVersion = 4;

    /// <summary>
    /// Version 4's features plus the accelerations (the deltas' own regression) of <see cref="Accelerations"/> cepstra:
    /// 33 values a frame; shipped in round 13. On the unseen speakers (docs/benchmarks.md, round 13): clean EER 3.82 → 2.81 %
    /// (lso) and 4.69 → 3.65 % (lsw), lso's clean miss rate 18.3 → 14.3 %, dev ti EER 4.90 → 3.65 %; its scores have a
    /// calibration of their own (<see cref="Scoring.Calibration.For"/>).
    /// </summary>
    public const int AccelerationVersion = 5;

    /// <summary>
    /// Version 5's accelerations are of c0..c6 only: those of all thirteen (39 values) separated clean trials less well and
    /// lost more on noisy lines, where second differences of the higher cepstra are mostly noise (round 13).
    /// </summary>
    public const int Accelerations = 7;

    public static bool IsSupported(int version) => version is DeltasVersion or AccelerationVersion;

    /// <summary>Values per frame in features of <paramref name="version"/>.</summary>
    public static int DimensionOf(int version) => 2 * Cepstra + (version >= AccelerationVersion ? Accelerations : 0);

    /// <summary>The version whose frames have <paramref name="dimension"/> values.</summary>
    public static int VersionOf(int dimension) =>
        dimension == DimensionOf(DeltasVersion) ? DeltasVersion
        : dimension == DimensionOf(AccelerationVersion) ? AccelerationVersion
        : throw new InvalidDataException($"No feature version has {dimension} values per frame.");

    public const int SampleRate = 8000;
    public const int FrameSize = 200;      // 25 ms
    public const int HopSize = 80;         // 10 ms
    public const int FftSize = 256;
    public const int MelBands = 24;
    public const double LowHz = 300, HighHz = 3400;
    public const float PreEmphasis = 0.97f;
    /// <remarks>
    /// c0..c12 (c0 becomes relative energy after normalisation). Version 1 kept c0..c19: at 8 kHz the narrow low
    /// mel bands resolve pitch harmonics, so cepstra above ~c12 follow the pitch of the moment rather than the vocal
    /// tract, and a diagonal GMM gives each of those dimensions (and their deltas) as much say as the rest — measured:
    /// ti EER 12.4 % → 7 % and td 6.2 % → 2.5 % (raw GMM scores) with nothing else changed.
    /// </remarks>
    public const int Cepstra = 13;
    public const int DeltaWindow = 2;
    /// <summary>Cepstra and deltas: the first values of every version's frames, and all of the text-dependent templates'.</summary>
    public const int TemplateDimension = 2 * Cepstra;
    public const double FrameSeconds = (double)HopSize / SampleRate;
}
