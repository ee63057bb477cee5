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
    public const int Bits = FeatureSettings.MelBands - 1;

    public static uint[] Compute(float[] logMel, int frames, bool[] speech)
    {
        const int bands = FeatureSettings.MelBands;
        var words = new uint[frames];
        for (var t = 1; t < frames; t++)
        {
            uint w = speech[t] ? SpeechBit : 0;
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
