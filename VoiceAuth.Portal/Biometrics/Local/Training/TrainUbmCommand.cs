using System.Diagnostics;
using VoiceAuth.Portal.Biometrics.Local.Audio;
using VoiceAuth.Portal.Biometrics.Local.Evaluation;
using VoiceAuth.Portal.Biometrics.Local.Features;
using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Biometrics.Local.Training;

/// <summary>
/// <c>train-ubm --corpus DIR --out FILE [--components 512] [--copies 1] [--max-chunks 1000] [--cohort 3] [--seed 17] [--frame-step 3] [--exclude LIST] [--from FILE] [--features 4]</c>:
/// trains, for each feature stream, the background model and the normalisation cohort on the corpus's <c>bg/</c> and
/// <c>lso/</c> speakers only (never on speakers that dev trials use), less the speakers named in <c>--exclude</c> (one id a
/// line: a leave-speakers-out fold), and adds the enrollment-side cohort of S-norm (<see cref="WithEnrollmentSide"/>;
/// <c>--from FILE</c> adds it to an already trained model instead of training one). The model file records the speakers it was trained on. Deterministic: the same corpus
/// and arguments give the same file.
/// </summary>
internal static class TrainUbmCommand
{
    /// <summary>MAP relevance factor: low, because three short recordings must move the model far enough from the background.</summary>
    public const float Relevance = 3;

    public static Task<int> RunAsync(string[] args)
    {
        try
        {
            var cl = new CommandLine(args);
            var corpus = cl.Required("corpus");
            var output = cl.Required("out");
            var exclude = cl.Value("exclude") is { } list ? ReadIds(list) : [];
            // --from FILE: an existing model (same background models and cohort) given its enrollment-side cohort only.
            var trained = cl.Value("from") is { } from ? File.ReadAllBytes(from) : Train(corpus, new TrainingSettings(cl.Int("components", 512), cl.Int("copies", 1), cl.Int("max-chunks", 1000), cl.Int("cohort", 3), cl.Int("seed", 17),
                cl.Int("frame-step", TrainingSettings.DefaultFrameStep), cl.Int("features", FeatureSettings.Version)), exclude);
            var bytes = WithEnrollmentSide(corpus, BackgroundModel.FromBytes(trained)).ToBytes();
            File.WriteAllBytes(output, bytes);
            Console.WriteLine($"wrote {output} ({bytes.Length} bytes, id {BackgroundModel.FromBytes(bytes).Id})");
            return Task.FromResult(0);
        }
        catch (Exception e) when (e is ArgumentException or IOException or FormatException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"train-ubm: {e.Message}");
            Console.Error.WriteLine("usage: train-ubm --corpus DIR --out FILE [--components 512] [--copies 1] [--max-chunks 1000] [--cohort 3] [--seed 17] [--frame-step 3] [--exclude LIST] [--from FILE] [--features 4]");
            return Task.FromResult(2);
        }
    }

    /// <summary>How many recordings of each training speaker the enrollment-side cohort holds (S-norm, round 8).</summary>
    public const int SidePerSpeaker = 3;

    /// <summary>
    /// The model with its enrollment-side cohort (format 4): the first <see cref="SidePerSpeaker"/> recordings of each
    /// speaker it was trained on (never anyone else), as the engine receives them (quality-gated, speech frames only).
    /// </summary>
    public static BackgroundModel WithEnrollmentSide(string corpus, BackgroundModel model)
    {
        var trained = model.TrainingSpeakers.ToHashSet(StringComparer.Ordinal);
        var options = new LocalEngineOptions();
        var wavs = BackgroundSpeech(corpus).Where(s => trained.Contains(s.Speaker)).GroupBy(s => s.Speaker).SelectMany(g => g.Take(SidePerSpeaker)).ToList();
        var utterances = wavs.AsParallel().AsOrdered().Select(s => AudioPipeline.Process(File.ReadAllBytes(Path.Combine(corpus, s.Wav)), options, model.FeatureVersion).Utterance)
            .OfType<Utterance>().ToList();
        return model.WithEnrollmentSide(model.Subsystems.Select(sub => (IReadOnlyList<float[]>)utterances.Select(u => u.Stream(sub.Stream)).ToList()).ToList());
    }

    /// <summary>Every <paramref name="step"/>-th frame of a row-major frame array.</summary>
    private static float[] Every(float[] frames, int step, int d)
    {
        if (step == 1)
        {
            return frames;
        }

        var kept = new float[(frames.Length / d + step - 1) / step * d];
        for (int t = 0, k = 0; t * d < frames.Length; t += step, k++)
        {
            Array.Copy(frames, t * d, kept, k * d, d);
        }

        return kept;
    }

    /// <summary>Speaker ids, one a line (a fold's <c>exclude.lst</c>).</summary>
    public static HashSet<string> ReadIds(string path) =>
        File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

    /// <summary>The background speech of a corpus: <c>bg/speakers.lst</c> and, when present, <c>lso/speakers.lst</c>.</summary>
    public static List<(string Speaker, string Wav)> BackgroundSpeech(string corpus) =>
        new[] { Path.Combine(corpus, "bg", "speakers.lst"), Path.Combine(corpus, "lso", "speakers.lst") }
            .Where(File.Exists).SelectMany(CorpusLists.Speakers).ToList();

    public static byte[] Train(string corpus, TrainingSettings settings, IReadOnlySet<string> exclude)
    {
        var (components, copies, maxChunks, cohortPerSpeaker, seed, frameStep, features) = settings;
        if (!FeatureSettings.IsSupported(features))
        {
            throw new ArgumentException($"No feature version {features}.");
        }

        var clock = Stopwatch.StartNew();
        var speakers = BackgroundSpeech(corpus).Where(s => !exclude.Contains(s.Speaker))
            .GroupBy(s => s.Speaker).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Speaker: g.Key, Wavs: g.Select(s => s.Wav).Take(maxChunks).ToArray())).ToArray();
        var chunks = speakers.SelectMany(s => s.Wavs.Select(w => (s.Speaker, Wav: w))).ToArray();
        Console.WriteLine($"{speakers.Length} background speakers, {chunks.Length} chunks, {copies} degraded copies each");

        // Each chunk's augmentation draws from its own seed, so parallel extraction stays deterministic. Every variant
        // is band-limited exactly once more, as received audio is: the clean one must look like a clean verification.
        var samples = new float[]?[chunks.Length];
        var all = new List<Utterance>[chunks.Length];
        Parallel.For(0, chunks.Length, i =>
        {
            var decoded = WavReader.Read(File.ReadAllBytes(Path.Combine(corpus, chunks[i].Wav)), int.MaxValue, 3600).Audio;
            all[i] = [];
            if (decoded is null)
            {
                return;
            }

            var clean = PhoneBand.Apply(decoded);
            samples[i] = clean;
            all[i].Add(FrontEnd.Analyse(clean, version: features));
            all[i].AddRange(AudioPipeline.Degraded(clean, copies, seed * 100_003 + i, features));
            all[i].RemoveAll(u => u.FrameCount == 0);
        });

        var cohortSpeech = CohortSpeech(speakers.Select(s => s.Speaker), chunks.Select(c => c.Speaker).ToArray(),
            i => samples[i] is not null && all[i].Count > 0 ? (all[i][0], samples[i]!) : null, cohortPerSpeaker, AudioPipeline.EnrollmentCopies, features);

        var subsystems = new List<Subsystem>();
        foreach (var stream in Enum.GetValues<FeatureStream>())
        {
            var dimension = FeatureSettings.DimensionOf(features);
            var frames = Every(all.SelectMany(list => list).SelectMany(u => u.Stream(stream)).ToArray(), Math.Max(1, frameStep), dimension);
            Console.WriteLine($"{stream}: {frames.Length / dimension} training frames of feature version {features} ({clock.Elapsed.TotalSeconds:F0} s)");
            var ubm = new UbmTrainer(dimension, Console.WriteLine).Train(frames, components, 4, 8);
            subsystems.Add(new Subsystem(stream, ubm, Cohort(ubm, stream, cohortSpeech)));
        }

        Console.WriteLine($"{cohortSpeech.Count} cohort models per subsystem; done in {clock.Elapsed.TotalSeconds:F0} s");
        return new BackgroundModel(Relevance, subsystems, speakers.Select(s => s.Speaker).ToArray()).ToBytes();
    }

    /// <summary>
    /// Cohort: models of the background speakers made exactly as an enrollment makes them (three recordings, each with
    /// <paramref name="copies"/> degraded copies), so that cohort and claimant scores are comparable.
    /// </summary>
    private static List<List<Utterance>> CohortSpeech(IEnumerable<string> speakers, string[] chunkSpeakers, Func<int, (Utterance Clean, float[] Samples)?> chunk,
        int cohortPerSpeaker, int copies, int features)
    {
        var cohortSpeech = new List<List<Utterance>>();
        foreach (var speaker in speakers)
        {
            var own = Enumerable.Range(0, chunkSpeakers.Length).Where(i => chunkSpeakers[i] == speaker && chunk(i) is not null).ToArray();
            for (var m = 0; m < cohortPerSpeaker && 3 * m + 3 <= own.Length; m++)
            {
                var speech = new List<Utterance>();
                var repetition = 0;
                foreach (var i in own.Skip(3 * m).Take(3))
                {
                    var (clean, samples) = chunk(i)!.Value;
                    speech.Add(clean);
                    speech.AddRange(AudioPipeline.Degraded(samples, copies, SpeakerVerifier.EnrollmentSeed + repetition++, features));
                }

                cohortSpeech.Add(speech);
            }
        }

        return cohortSpeech;
    }

    private static List<float[]> Cohort(DiagonalGmm ubm, FeatureStream stream, List<List<Utterance>> cohortSpeech) => cohortSpeech.AsParallel().AsOrdered().Select(speech =>
    {
        var stats = new SufficientStatistics(ubm.Components, ubm.Dimension);
        speech.ForEach(u => stats.Add(ubm, u, stream));
        return stats.AdaptedOffsets(ubm, Relevance);
    }).ToList();

    /// <summary>
    /// The same background models with the cohort made again, its enrollments learning <paramref name="copies"/> degraded
    /// copies per recording (an evaluation of the copies needs a cohort made alike; the background models stay).
    /// </summary>
    public static BackgroundModel Recohort(string corpus, BackgroundModel model, TrainingSettings settings, IReadOnlySet<string> exclude, int copies)
    {
        var speakers = BackgroundSpeech(corpus).Where(s => !exclude.Contains(s.Speaker))
            .GroupBy(s => s.Speaker).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Speaker: g.Key, Wavs: g.Select(s => s.Wav).Take(settings.MaxChunks).ToArray())).ToArray();
        var chunks = speakers.SelectMany(s => s.Wavs.Select(w => (s.Speaker, Wav: w))).ToArray();
        var clean = new (Utterance Clean, float[] Samples)?[chunks.Length];
        Parallel.For(0, chunks.Length, i =>
        {
            var decoded = WavReader.Read(File.ReadAllBytes(Path.Combine(corpus, chunks[i].Wav)), int.MaxValue, 3600).Audio;
            if (decoded is not null)
            {
                var samples = PhoneBand.Apply(decoded);
                var u = FrontEnd.Analyse(samples, version: model.FeatureVersion);
                clean[i] = u.FrameCount > 0 ? (u, samples) : null;
            }
        });
        var cohortSpeech = CohortSpeech(speakers.Select(s => s.Speaker), chunks.Select(c => c.Speaker).ToArray(), i => clean[i], settings.CohortPerSpeaker, copies, model.FeatureVersion);
        var subsystems = model.Subsystems.Select(s => new Subsystem(s.Stream, s.Ubm, Cohort(s.Ubm, s.Stream, cohortSpeech))).ToList();
        return new BackgroundModel(model.Relevance, subsystems, model.TrainingSpeakers);
    }
}

/// <summary>How a background model is trained (see <see cref="TrainUbmCommand"/>).</summary>
/// <param name="FrameStep">
/// EM sees every n-th frame (neighbouring 10 ms frames overlap and say nearly the same): a third of the work, so that a
/// leave-speakers-out round (one model per fold) stays affordable. The cohort always uses every frame.
/// </param>
internal sealed record TrainingSettings(int Components = 512, int Copies = 1, int MaxChunks = 1000, int CohortPerSpeaker = 3, int Seed = 17,
    int FrameStep = TrainingSettings.DefaultFrameStep, int Features = FeatureSettings.Version)
{
    public const int DefaultFrameStep = 3;
}
