namespace VoiceAuth.Portal.Biometrics.Local.Features;

/// <summary>
/// Energy voice-activity detection. The threshold follows the recording's own dynamic range, so silence
/// and line noise are dropped hard (leftover silence would match silence) whatever the level.
/// </summary>
internal static class VoiceActivity
{
    private const double MaxDepthDb = 40;    // never keep frames more than this below the loud frames
    private const double NoiseMarginDb = 6;  // nor frames this close to the noise floor (noise-dominated frames mislead the models)
    private const int MinRun = 5;          // speech runs shorter than 50 ms are clicks
    private const int Bridge = 4;          // gaps up to 40 ms inside speech are kept

    public static (bool[] Speech, VoiceStatistics Stats) Detect(double[] energyDb)
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
        var threshold = Math.Max(peak - MaxDepthDb, floor + NoiseMarginDb);
        for (var t = 0; t < n; t++)
        {
            speech[t] = energyDb[t] >= threshold && range >= 6;
        }

        Smooth(speech);
        double sum = 0;
        var count = 0;
        for (var t = 0; t < n; t++)
        {
            if (speech[t])
            {
                sum += Math.Pow(10, energyDb[t] / 10);
                count++;
            }
        }

        var level = count == 0 ? -120 : 10 * Math.Log10(sum / count);
        return (speech, new VoiceStatistics(count * FeatureSettings.FrameSeconds, level, floor, peak));
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
