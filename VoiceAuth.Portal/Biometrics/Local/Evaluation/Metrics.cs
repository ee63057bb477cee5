namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>Detection error measures over target and non-target scores (ISO/IEC 19795-1 vocabulary).</summary>
internal static class Metrics
{
    /// <summary>Equal error rate: where the false-reject and false-accept curves cross (NaN without both kinds).</summary>
    public static double Eer(IReadOnlyList<double> targets, IReadOnlyList<double> nontargets)
    {
        if (targets.Count == 0 || nontargets.Count == 0)
        {
            return double.NaN;
        }

        var best = 1.0;
        foreach (var (miss, fa) in Sweep(targets, nontargets))
        {
            best = Math.Min(best, Math.Max(miss, fa));
        }

        return best;
    }

    /// <summary>Normalised minimum detection cost for P_target, C_miss = C_fa = 1 (NIST SRE).</summary>
    public static double MinDcf(IReadOnlyList<double> targets, IReadOnlyList<double> nontargets, double pTarget = 0.01)
    {
        if (targets.Count == 0 || nontargets.Count == 0)
        {
            return double.NaN;
        }

        var best = double.PositiveInfinity;
        foreach (var (miss, fa) in Sweep(targets, nontargets))
        {
            best = Math.Min(best, miss * pTarget + fa * (1 - pTarget));
        }

        return best / Math.Min(pTarget, 1 - pTarget);
    }

    /// <summary>The lowest miss rate at any threshold whose false-alarm rate is at most <paramref name="fmr"/> (NaN without both kinds).</summary>
    public static double FnmrAtFmr(IReadOnlyList<double> targets, IReadOnlyList<double> nontargets, double fmr)
    {
        if (targets.Count == 0 || nontargets.Count == 0)
        {
            return double.NaN;
        }

        return Sweep(targets, nontargets).Where(p => p.FalseAlarm <= fmr).Select(p => p.Miss).DefaultIfEmpty(1).Min();
    }

    /// <summary>(miss rate, false-alarm rate) at every threshold between distinct scores, from accept-all to reject-all (a DET curve).</summary>
    public static IEnumerable<(double Miss, double FalseAlarm)> Sweep(IReadOnlyList<double> targets, IReadOnlyList<double> nontargets)
    {
        var all = targets.Select(s => (Score: s, Target: true)).Concat(nontargets.Select(s => (Score: s, Target: false)))
            .OrderBy(p => p.Score).ToArray();
        int misses = 0, falseAlarms = nontargets.Count;
        yield return (0, 1);
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Target)
            {
                misses++;
            }
            else
            {
                falseAlarms--;
            }

            if (i + 1 < all.Length && all[i + 1].Score == all[i].Score)
            {
                continue; // a threshold cannot split equal scores
            }

            yield return ((double)misses / targets.Count, (double)falseAlarms / nontargets.Count);
        }
    }
}
