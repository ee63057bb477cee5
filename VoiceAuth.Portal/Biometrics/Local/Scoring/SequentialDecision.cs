namespace VoiceAuth.Portal.Biometrics.Local.Scoring;

/// <summary>
/// How a later attempt in the same call is decided: the evidence accumulates. It passes only if it passes on its own
/// and the average log-odds of every scored attempt of the call (the 0–100 scores read as probabilities) clears the
/// threshold's. After a miss, a second recording must make up for the first: an impostor's lucky second draw is not
/// enough, while a genuine caller whose first try was poor and second good still passes (docs/benchmarks.md).
/// </summary>
internal static class SequentialDecision
{
    public static bool Accepts(int score, IReadOnlyList<int> earlier, int threshold)
    {
        if (score < threshold)
        {
            return false;
        }

        return earlier.Count == 0 || earlier.Append(score).Average(Logit) >= Logit(threshold);
    }

    /// <summary>Log-odds of a 0–100 score, kept finite (1–99) so a single extreme score cannot decide the call alone.</summary>
    private static double Logit(int score)
    {
        var p = Math.Clamp(score, 1, 99) / 100.0;
        return Math.Log(p / (1 - p));
    }
}
