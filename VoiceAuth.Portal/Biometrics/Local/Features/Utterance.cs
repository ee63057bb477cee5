namespace VoiceAuth.Portal.Biometrics.Local.Features;

/// <summary>What the front end extracts from one recording.</summary>
/// <param name="Features">Speech frames only, mean- and variance-normalised, row-major (<see cref="FrameCount"/> × <see cref="Dimension"/>).</param>
/// <param name="MeanNormalised">The same frames with the mean removed only (see <see cref="FeatureStream.MeanNormalised"/>).</param>
/// <param name="Fingerprint">One spectral fingerprint word per frame of the whole recording (replay check).</param>
/// <param name="Voice">Speech statistics for the quality gate.</param>
/// <param name="FeatureVersion">The <see cref="FeatureSettings"/> version the frames are of.</param>
internal sealed record Utterance(float[] Features, float[] MeanNormalised, int FrameCount, uint[] Fingerprint, VoiceStatistics Voice,
    int FeatureVersion = FeatureSettings.Version)
{
    public int Dimension => FeatureSettings.DimensionOf(FeatureVersion);

    public ReadOnlySpan<float> Frame(int t) => Features.AsSpan(t * Dimension, Dimension);

    public ReadOnlySpan<float> Frame(int t, FeatureStream stream) => Stream(stream).AsSpan(t * Dimension, Dimension);

    public float[] Stream(FeatureStream stream) => stream == FeatureStream.MeanNormalised ? MeanNormalised : Features;
}

/// <summary>
/// The two normalisations of the same cepstra that the engine models separately and fuses. Dividing by each
/// utterance's spread makes features robust to noise and level, but also removes the speaker's own dynamic range;
/// keeping it loses robustness. Neither view is best alone; their scores err differently, so the average errs less
/// (measured: docs/benchmarks.md).
/// </summary>
internal enum FeatureStream : byte
{
    /// <summary>Per-utterance mean and variance normalisation (also the text-dependent DTW's features).</summary>
    Normalised = 0,
    /// <summary>Per-utterance mean removal only: the channel's fixed colouring goes, the spread stays.</summary>
    MeanNormalised = 1,
}

/// <summary>Level and noise figures of one recording, in dB relative to full scale.</summary>
internal sealed record VoiceStatistics(double SpeechSeconds, double SpeechLevelDb, double NoiseFloorDb, double PeakDb)
{
    public double SnrDb => SpeechLevelDb - NoiseFloorDb;
}
