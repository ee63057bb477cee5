using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Biometrics.Local.Voiceprints;

/// <summary>
/// Voiceprints keep, per component, the occupancy and the mean of the frames it absorbed (compact and
/// well within float16 range); these convert to and from Baum–Welch statistics.
/// </summary>
internal static class StatisticsCodec
{
    public static void Add(LocalVoiceprint v, SufficientStatistics s, DiagonalGmm ubm)
    {
        var d = ubm.Dimension;
        for (var c = 0; c < ubm.Components; c++)
        {
            var before = v.Occupancy[c];
            var after = before + s.Occupancy[c];
            if (after <= 0)
            {
                continue;
            }

            for (var j = 0; j < d; j++)
            {
                var k = c * d + j;
                v.FirstOrder[k] = (before * v.FirstOrder[k] + s.FirstOrder[k]) / after;
            }

            v.Occupancy[c] = after;
        }
    }

    public static SufficientStatistics ToSufficientStatistics(LocalVoiceprint v, DiagonalGmm ubm)
    {
        var s = new SufficientStatistics(ubm.Components, ubm.Dimension);
        v.Occupancy.CopyTo(s.Occupancy, 0);
        for (var k = 0; k < s.FirstOrder.Length; k++)
        {
            s.FirstOrder[k] = v.FirstOrder[k] * v.Occupancy[k / ubm.Dimension];
        }

        return s;
    }
}
