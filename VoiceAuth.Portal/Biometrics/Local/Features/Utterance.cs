namespace VoiceAuth.Portal.Biometrics.Local.Features;

/// <summary>What the front end extracts from one recording.</summary>
/// <param name="Features">Speech frames only, normalised, row-major (<see cref="FrameCount"/> × <see cref="FeatureSettings.Dimension"/>).</param>
/// <param name="Fingerprint">One spectral fingerprint word per frame of the whole recording (replay check).</param>
/// <param name="Voice">Speech statistics for the quality gate.</param>
internal sealed record Utterance(float[] Features, int FrameCount, uint[] Fingerprint, VoiceStatistics Voice)
{
    public ReadOnlySpan<float> Frame(int t) => Features.AsSpan(t * FeatureSettings.Dimension, FeatureSettings.Dimension);
}

/// <summary>Level and noise figures of one recording, in dB relative to full scale.</summary>
internal sealed record VoiceStatistics(double SpeechSeconds, double SpeechLevelDb, double NoiseFloorDb, double PeakDb)
{
    public double SnrDb => SpeechLevelDb - NoiseFloorDb;
}
