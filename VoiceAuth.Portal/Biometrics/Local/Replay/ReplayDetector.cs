using System.Numerics;
using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Replay;

/// <summary>
/// Finds whether a recording is a near-copy of an earlier one: the best time offset at which their spectral
/// fingerprints agree. A replay agrees almost bit for bit (it is the same waveform, merely recoded, noisier or
/// louder); a new repetition of the same words, even by the same person, drifts out of step within a syllable.
/// </summary>
internal static class ReplayDetector
{
    private const int MinOverlap = 40; // speech frames both must share before an agreement means anything
    private const uint BitMask = (1u << Fingerprints.Bits) - 1;

    /// <summary>Cuts a fingerprint to its speech span: that is all a later comparison needs to keep.</summary>
    public static uint[] Trim(uint[] fingerprint)
    {
        var first = Array.FindIndex(fingerprint, w => (w & Fingerprints.SpeechBit) != 0);
        if (first < 0)
        {
            return [];
        }

        var last = Array.FindLastIndex(fingerprint, w => (w & Fingerprints.SpeechBit) != 0);
        return fingerprint[first..(last + 1)];
    }

    /// <summary>Highest share of agreeing bits over all offsets (0.5 for unrelated audio, near 1 for a copy).</summary>
    public static double Similarity(uint[] a, uint[] b)
    {
        var best = 0.0;
        for (var offset = -(b.Length - MinOverlap); offset <= a.Length - MinOverlap; offset++)
        {
            var start = Math.Max(0, offset);
            var end = Math.Min(a.Length, b.Length + offset);
            int agree = 0, frames = 0;
            for (var i = start; i < end; i++)
            {
                var x = a[i];
                var y = b[i - offset];
                if ((x & y & Fingerprints.SpeechBit) == 0)
                {
                    continue;
                }

                frames++;
                agree += BitOperations.PopCount(~(x ^ y) & BitMask);
            }

            if (frames >= MinOverlap)
            {
                best = Math.Max(best, (double)agree / (frames * Fingerprints.Bits));
            }
        }

        return best;
    }
}
