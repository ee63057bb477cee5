using VoiceAuth.Portal.Biometrics.Local.Scoring;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>
/// What the per-attempt false-match rate means for a person: an impostor (one other speaker, always the same) calls
/// with up to two scored attempts per call, and five consecutive failures lock the voiceprint (the portal's defaults,
/// <c>VerifyAttemptsPerCall</c> and <c>LockoutFailures</c>), so a lockout window holds calls of 2 + 2 + 1 attempts.
/// Attempts are drawn from that impostor's own non-target trials against that model, so a voice that resembles the
/// victim keeps resembling it. Rates are averaged over (model, impostor) pairs.
/// </summary>
internal sealed record CallSimulation(int Pairs, double PerAttempt, double PerCallEither, double PerCallSequential,
    double PerWindowEither, double PerWindowSequential, double WorstPairWindowSequential)
{
    private const int WindowDraws = 400;

    public static CallSimulation From(IReadOnlyList<ScoredTrial> trials, int threshold)
    {
        var pairs = trials.Where(t => t.Label == "nontarget" && !t.Retried)
            .GroupBy(t => (LeaveSpeakersOut.SpeakerOfModel(t.Model), t.Model, LeaveSpeakersOut.SpeakerOfWav(t.Wav)))
            .Select(g => g.Select(t => t.Outcome.Decision == BiometricDecision.Accepted ? Math.Max(t.Outcome.Score, threshold) : Math.Min(t.Outcome.Score, threshold - 1)).ToArray())
            .Where(s => s.Length >= 2).ToList();
        if (pairs.Count == 0)
        {
            return new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var random = new Random(17);
        double attempt = 0, either = 0, sequential = 0, windowEither = 0, windowSequential = 0, worst = 0;
        foreach (var scores in pairs)
        {
            attempt += scores.Count(s => s >= threshold) / (double)scores.Length;
            int calls = 0, passEither = 0, passSequential = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                for (var j = 0; j < scores.Length; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    calls++;
                    passEither += scores[i] >= threshold || scores[j] >= threshold ? 1 : 0;
                    passSequential += Call(scores[i], scores[j], threshold) ? 1 : 0;
                }
            }

            either += (double)passEither / calls;
            sequential += (double)passSequential / calls;
            int wEither = 0, wSequential = 0;
            for (var d = 0; d < WindowDraws; d++)
            {
                var a = Enumerable.Range(0, 5).Select(_ => scores[random.Next(scores.Length)]).ToArray();
                wEither += a.Any(s => s >= threshold) ? 1 : 0;
                wSequential += Call(a[0], a[1], threshold) || Call(a[2], a[3], threshold) || a[4] >= threshold ? 1 : 0;
            }

            windowEither += (double)wEither / WindowDraws;
            windowSequential += (double)wSequential / WindowDraws;
            worst = Math.Max(worst, (double)wSequential / WindowDraws);
        }

        var n = pairs.Count;
        return new(n, attempt / n, either / n, sequential / n, windowEither / n, windowSequential / n, worst);
    }

    private static bool Call(int first, int second, int threshold) =>
        first >= threshold || SequentialDecision.Accepts(second, [first], threshold);
}
