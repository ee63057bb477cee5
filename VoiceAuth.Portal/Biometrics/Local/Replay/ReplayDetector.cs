using System.Numerics;
using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Replay;

/// <summary>
/// Finds whether a recording is a near-copy of an earlier one: the best single time offset at which their spectral
/// fingerprints agree, counted on the frames that are loud in both (noise and μ-law corrupt the quiet ones). A replay agrees almost bit for bit over its whole
/// length (it is the same waveform, merely recoded, noisier or louder); a new repetition of the same words, even by
/// the same person or voice, drifts out of step within a syllable or two.
/// </summary>
internal static class ReplayDetector
{
    private const int MinOverlap = 40; // loud frames both must share before an agreement means anything

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

    /// <summary>
    /// Bit agreement at the best single offset, taken in the worst third of the shared loud frames: about 0.5–0.63
    /// for unrelated audio and new repetitions (measured), 0.66–0.86 for a copy replayed down a noisy μ-law line.
    /// </summary>
    /// <remarks>
    /// A replay is a copy everywhere, so every third agrees; a repetition at a slightly different tempo lines up around
    /// one point only and drifts apart towards its ends, which the whole-recording average would forgive.
    /// </remarks>
    public static double Similarity(uint[] a, uint[] b)
    {
        var (bestOffset, bestAgreement) = (0, -1.0);
        for (var offset = -(b.Length - MinOverlap); offset <= a.Length - MinOverlap; offset++)
        {
            var (agree, compared, frames) = Count(a, b, offset, 0, int.MaxValue);
            if (frames >= MinOverlap && compared > 0 && (double)agree / compared > bestAgreement)
            {
                (bestOffset, bestAgreement) = (offset, (double)agree / compared);
            }
        }

        if (bestAgreement < 0)
        {
            return 0;
        }

        var total = Count(a, b, bestOffset, 0, int.MaxValue).Frames;
        var worst = 1.0;
        for (var part = 0; part < 3; part++)
        {
            var (agree, compared, _) = Count(a, b, bestOffset, total * part / 3, total * (part + 1) / 3);
            worst = Math.Min(worst, compared == 0 ? 0 : (double)agree / compared);
        }

        return worst;
    }

    /// <summary>Bit agreement at one offset over the shared loud frames numbered [from, to).</summary>
    private static (int Agree, int Compared, int Frames) Count(uint[] a, uint[] b, int offset, int from, int to)
    {
        int agree = 0, compared = 0, frames = 0;
        for (var i = Math.Max(0, offset); i < Math.Min(a.Length, b.Length + offset) && frames < to; i++)
        {
            var x = a[i];
            var y = b[i - offset];
            if ((x & y & Fingerprints.LoudBit) == 0)
            {
                continue;
            }

            if (frames++ < from)
            {
                continue;
            }

            compared += Fingerprints.Bits;
            agree += BitOperations.PopCount(~(x ^ y) & Fingerprints.BitMask);
        }

        return (agree, compared, frames);
    }
}
