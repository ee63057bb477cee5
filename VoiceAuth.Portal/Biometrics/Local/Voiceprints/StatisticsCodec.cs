using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Biometrics.Local.Voiceprints;

/// <summary>
/// Voiceprints keep, per component, the occupancy and the mean of the frames it absorbed (compact and
/// well within float16 range), for each subsystem their mode uses, one after the other; these convert to
/// and from one subsystem's Baum–Welch statistics.
/// </summary>
internal static class StatisticsCodec
{
    public static void Add(LocalVoiceprint v, IReadOnlyList<Subsystem> used, int subsystem, SufficientStatistics s)
    {
        var (ubm, first) = Locate(used, subsystem);
        var d = ubm.Dimension;
        for (var c = 0; c < ubm.Components; c++)
        {
            var before = v.Occupancy[first + c];
            var after = before + s.Occupancy[c];
            if (after <= 0)
            {
                continue;
            }

            for (var j = 0; j < d; j++)
            {
                var k = (first + c) * d + j;
                v.FirstOrder[k] = (before * v.FirstOrder[k] + s.FirstOrder[c * d + j]) / after;
            }

            v.Occupancy[first + c] = after;
        }
    }

    public static SufficientStatistics ToSufficientStatistics(LocalVoiceprint v, IReadOnlyList<Subsystem> used, int subsystem)
    {
        var (ubm, first) = Locate(used, subsystem);
        var d = ubm.Dimension;
        var s = new SufficientStatistics(ubm.Components, d);
        v.Occupancy.AsSpan(first, ubm.Components).CopyTo(s.Occupancy);
        for (var k = 0; k < s.FirstOrder.Length; k++)
        {
            s.FirstOrder[k] = v.FirstOrder[first * d + k] * s.Occupancy[k / d];
        }

        return s;
    }

    /// <summary>Sizes of an empty voiceprint's statistics for this background model.</summary>
    public static (float[] Occupancy, float[] FirstOrder) Empty(IReadOnlyList<Subsystem> used) =>
        (new float[used.Sum(s => s.Ubm.Components)], new float[used.Sum(s => s.Ubm.Means.Length)]);

    /// <summary>The subsystem's background model and the index of its first component in the voiceprint.</summary>
    /// <remarks>All subsystems share one feature dimension, so component c of subsystem i sits at row first + c.</remarks>
    private static (DiagonalGmm Ubm, int First) Locate(IReadOnlyList<Subsystem> used, int subsystem)
    {
        var first = 0;
        for (var i = 0; i < subsystem; i++)
        {
            first += used[i].Ubm.Components;
        }

        return (used[subsystem].Ubm, first);
    }
}
