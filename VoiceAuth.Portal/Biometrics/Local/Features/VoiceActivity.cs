namespace VoiceAuth.Portal.Biometrics.Local.Features;

/// <summary>
/// Energy voice-activity detection. The threshold follows the recording's own dynamic range, so silence
/// and line noise are dropped hard (leftover silence would match silence) whatever the level.
/// </summary>
/// <remarks>
/// Frames must clear the noise floor by <see cref="NoiseMarginDb"/>. In steady noise a few dB below the speech that
/// strict cut hides the quiet half of the speech and a whole call can be refused as too short; only then (the strict
/// selection keeps less than <see cref="EnoughFrames"/>) is the margin relaxed to <see cref="LooseNoiseMarginDb"/>.
/// Recordings the strict cut serves are analysed exactly as before, so clean calls keep their strict selection.
/// The relaxation rescues a real call from refusal; the engine's own degraded copies are never refused, so they keep
/// the strict cut (measured: relaxing them too made the milder noisy trials worse, docs/benchmarks.md round 5).
/// </remarks>
internal static class VoiceActivity
{
    private const double MaxDepthDb = 40;    // never keep frames more than this below the loud frames
    private const double NoiseMarginDb = 6;  // nor frames this close to the noise floor (noise-dominated frames mislead the models)

    /// <summary>3 dB above the floor is a frame whose speech is at least as loud as the noise (local SNR ≥ 0 dB).</summary>
    private const double LooseNoiseMarginDb = 3;

    /// <summary>1 s, the quality gate's default minimum of speech (<see cref="LocalEngineOptions.MinSpeechSeconds"/>).</summary>
    private const int EnoughFrames = 100;
    private const int MinRun = 5;          // speech runs shorter than 50 ms are clicks
    private const int Bridge = 4;          // gaps up to 40 ms inside speech are kept

    /// <param name="energyDb">Frame energies in dB.</param>
    /// <param name="loosenWhenShort">Relax the noise margin when the strict cut keeps less than 1 s (received calls).</param>
    public static (bool[] Speech, VoiceStatistics Stats) Detect(double[] energyDb, bool loosenWhenShort)
    {
        var n = energyDb.Length;
        var speech = new bool[n];
        if (n == 0)
        {
            return (speech, new VoiceStatistics(0, -120, -120, -120));
        }

        var sorted = (double[])energyDb.Clone();
        Array.Sort(sorted);
        var floor = sorted[(int)(0.05 * (n - 1))];
        var peak = sorted[(int)(0.98 * (n - 1))];
        var range = peak - floor;
        var strict = Select(energyDb, speech, range, Math.Max(peak - MaxDepthDb, floor + NoiseMarginDb));
        if (loosenWhenShort && strict.Count(s => s) < EnoughFrames)
        {
            Select(energyDb, speech, range, Math.Max(peak - MaxDepthDb, floor + LooseNoiseMarginDb));
        }

        // The speech level (hence the quality gate's SNR) stays that of the strict selection when it has any
        // frames: a loosened selection adds quiet frames, and a call must not turn "too noisy" because more of
        // it was kept.
        var level = MeanLevel(energyDb, strict.Contains(true) ? strict : speech);
        var seconds = speech.Count(s => s) * FeatureSettings.FrameSeconds;
        return (speech, new VoiceStatistics(seconds, level, floor, peak));
    }

    /// <summary>Marks the frames at or above the threshold in <paramref name="speech"/>, smooths the runs and returns a copy.</summary>
    private static bool[] Select(double[] energyDb, bool[] speech, double range, double threshold)
    {
        for (var t = 0; t < energyDb.Length; t++)
        {
            speech[t] = energyDb[t] >= threshold && range >= 6;
        }

        Smooth(speech);
        return (bool[])speech.Clone();
    }

    /// <summary>Mean power of the marked frames, in dB (−120 when none is marked).</summary>
    private static double MeanLevel(double[] energyDb, bool[] speech)
    {
        double sum = 0;
        var count = 0;
        for (var t = 0; t < energyDb.Length; t++)
        {
            if (speech[t])
            {
                sum += Math.Pow(10, energyDb[t] / 10);
                count++;
            }
        }

        return count == 0 ? -120 : 10 * Math.Log10(sum / count);
    }

    private static void Smooth(bool[] s)
    {
        // Bridge short gaps, then drop short runs.
        for (int t = 0, last = -1; t < s.Length; t++)
        {
            if (!s[t])
            {
                continue;
            }

            if (last >= 0 && t - last - 1 <= Bridge)
            {
                Array.Fill(s, true, last + 1, t - last - 1);
            }

            last = t;
        }

        for (var t = 0; t < s.Length;)
        {
            if (!s[t])
            {
                t++;
                continue;
            }

            var end = t;
            while (end < s.Length && s[end])
            {
                end++;
            }

            if (end - t < MinRun)
            {
                Array.Fill(s, false, t, end - t);
            }

            t = end;
        }
    }
}
