namespace VoiceAuth.Portal.Biometrics.Local.Features;

/// <summary>
/// Spectral fingerprint in the manner of Haitsma &amp; Kalker: one bit per pair of neighbouring mel bands,
/// set when their energy difference grows from one frame to the next. Level changes, μ-law and moderate
/// noise leave most bits alone, so a replayed recording matches its original bit for bit far more often
/// than a new repetition of the same words (which differs in timing and pitch).
/// </summary>
internal static class Fingerprints
{
    /// <summary>Set on frames that voice activity marked as speech; only those are compared.</summary>
    public const uint SpeechBit = 1u << 31;

    /// <summary>Set on speech frames at least as loud as the recording's median speech frame: noise corrupts those least.</summary>
    public const uint LoudBit = 1u << 30;

    public const int Bits = FeatureSettings.MelBands - 1;
    public const uint BitMask = (1u << Bits) - 1;

    public static uint[] Compute(float[] logMel, int frames, bool[] speech)
    {
        const int bands = FeatureSettings.MelBands;
        var loudness = new float[frames];
        for (var t = 0; t < frames; t++)
        {
            for (var b = 0; b < bands; b++)
            {
                loudness[t] += logMel[t * bands + b];
            }
        }

        var speechLoudness = loudness.Where((_, t) => speech[t]).Order().ToArray();
        var loud = speechLoudness.Length == 0 ? 0f : speechLoudness[speechLoudness.Length / 2];
        var words = new uint[frames];
        for (var t = 1; t < frames; t++)
        {
            var w = speech[t] ? SpeechBit | (loudness[t] >= loud ? LoudBit : 0) : 0;
            for (var b = 0; b < Bits; b++)
            {
                var now = logMel[t * bands + b] - logMel[t * bands + b + 1];
                var before = logMel[(t - 1) * bands + b] - logMel[(t - 1) * bands + b + 1];
                if (now - before > 0)
                {
                    w |= 1u << b;
                }
            }

            words[t] = w;
        }

        return words;
    }
}
