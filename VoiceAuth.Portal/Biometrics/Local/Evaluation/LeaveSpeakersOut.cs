using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Training;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>
/// The leave-speakers-out protocol of <c>build-speech-corpus.sh</c> (<c>lso/</c>): for each fold, a background model
/// and cohort trained without the fold's speakers (<c>lso/F/exclude.lst</c>), then the fold's models and trials scored
/// with it. Pooled over the folds, every score comes from speakers the engine never trained on. The same layout under
/// another folder (<c>lsw/</c>: the wide protocol, more test voices in four folds) is run with <c>protocol</c>.
/// </summary>
internal static class LeaveSpeakersOut
{
    /// <summary>The leave-speakers-out protocol the corpus script always builds (its voices are also background speech).</summary>
    public const string DefaultProtocol = "lso";

    /// <summary>The folds named in <c>PROTOCOL/folds.lst</c>, in order.</summary>
    public static IReadOnlyList<string> Folds(string corpus, string protocol = DefaultProtocol) => File.ReadLines(Path.Combine(corpus, protocol, "folds.lst"))
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 2).Select(p => p[0]).Distinct().ToList();

    /// <summary>
    /// The fold's background model: read from <paramref name="cacheDir"/> when one trained with the same settings is
    /// there, otherwise trained (and saved there when a folder is given).
    /// </summary>
    public static BackgroundModel ModelFor(string corpus, string fold, TrainingSettings settings, string? cacheDir, string protocol = DefaultProtocol)
    {
        // Version-4 models keep the names they were cached under before feature versions existed; others say theirs.
        var features = settings.Features == Features.FeatureSettings.DeltasVersion ? "" : $"-f{settings.Features}";
        var file = cacheDir is null ? null : Path.Combine(cacheDir, $"{protocol}-{fold}-{settings.Components}-{settings.Copies}-{settings.CohortPerSpeaker}-{settings.Seed}-{settings.FrameStep}{features}.vabm");
        if (file is not null && File.Exists(file))
        {
            return BackgroundModel.FromBytes(File.ReadAllBytes(file));
        }

        var bytes = TrainUbmCommand.Train(corpus, settings, Excluded(corpus, protocol, fold));
        if (file is not null)
        {
            Directory.CreateDirectory(cacheDir!);
            File.WriteAllBytes(file, bytes);
        }

        return BackgroundModel.FromBytes(bytes);
    }

    /// <summary>The fold's model with its cohort made with <paramref name="copies"/> enrollment copies (cached beside it).</summary>
    private static BackgroundModel RecohortedFor(string corpus, string protocol, string fold, BackgroundModel model, TrainingSettings settings, string? cacheDir, int copies)
    {
        var file = cacheDir is null ? null : Path.Combine(cacheDir, $"{protocol}-{fold}-{model.Id}-cohort-copies{copies}.vabm");
        if (file is not null && File.Exists(file))
        {
            return BackgroundModel.FromBytes(File.ReadAllBytes(file));
        }

        var recohorted = TrainUbmCommand.Recohort(corpus, model, settings, Excluded(corpus, protocol, fold), copies);
        if (file is not null)
        {
            File.WriteAllBytes(file, recohorted.ToBytes());
        }

        return recohorted;
    }

    /// <summary>
    /// Scores every fold's trial lists (e.g. <c>trials.lst</c>, <c>trials-noisy.lst</c>) with the fold's own model;
    /// the models are enrolled once per fold. Returns one pooled list per trial list, in order.
    /// </summary>
    public static List<List<ScoredTrial>> Run(string corpus, LocalEngineOptions options, TrainingSettings settings, IReadOnlyList<string> trialLists,
        string? cacheDir, Action<string>? log = null, Func<BackgroundModel, BackgroundModel>? adapt = null,
        int enrollmentCopies = AudioPipeline.EnrollmentCopies, string? dumpPrefix = null, string protocol = DefaultProtocol)
    {
        var pooled = trialLists.Select(_ => new List<ScoredTrial>()).ToList();
        foreach (var fold in Folds(corpus, protocol))
        {
            var model = ModelFor(corpus, fold, settings, cacheDir, protocol);
            if (enrollmentCopies != AudioPipeline.EnrollmentCopies)
            {
                model = RecohortedFor(corpus, protocol, fold, model, settings, cacheDir, enrollmentCopies);
            }

            // The fold's enrollment-side cohort (S-norm): its own training speakers' recordings, as the shipped model's.
            model = TrainUbmCommand.WithEnrollmentSide(corpus, model);
            var leaked = model.TrainingSpeakers.Intersect(Excluded(corpus, protocol, fold)).ToList();
            if (leaked.Count > 0)
            {
                throw new InvalidDataException($"fold {fold}: its model was trained on its own speakers ({string.Join(", ", leaked)})");
            }

            var verifier = new SpeakerVerifier(options, adapt is null ? model : adapt(model), null, enrollmentCopies);
            var run = new EvalRun(verifier, corpus);
            run.Enroll(CorpusLists.Enrollments(Path.Combine(corpus, protocol, fold, "enroll.lst")));
            if (dumpPrefix is not null)
            {
                LsoDump.Write(dumpPrefix, corpus, protocol, fold, verifier, run, model, trialLists, options);
            }

            for (var i = 0; i < trialLists.Count; i++)
            {
                var scored = run.ScoreOnly(CorpusLists.Trials(Path.Combine(corpus, protocol, fold, trialLists[i])));
                log?.Invoke($"fold {fold}: model {model.Id} ({model.TrainingSpeakers.Count} training speakers), {trialLists[i]}: {scored.Count} trials");
                pooled[i].AddRange(scored.Select(t => t with { Fold = fold }));
            }
        }

        return pooled;
    }

    /// <summary>The speakers a fold's model must not have heard: <c>PROTOCOL/F/exclude.lst</c>.</summary>
    public static HashSet<string> Excluded(string corpus, string protocol, string fold) => TrainUbmCommand.ReadIds(Path.Combine(corpus, protocol, fold, "exclude.lst"));

    /// <summary>The speaker a corpus path belongs to: the folder that holds the file (<c>…/wav/kt-fr/u03.wav</c> → <c>kt-fr</c>).</summary>
    public static string SpeakerOfWav(string wav) => Path.GetFileName(Path.GetDirectoryName(wav)) ?? wav;

    /// <summary>The speaker of a model id (<c>kt-fr-m2</c> → <c>kt-fr</c>).</summary>
    public static string SpeakerOfModel(string model) => model[..Math.Max(model.LastIndexOf("-m", StringComparison.Ordinal), 0)] is { Length: > 0 } s ? s : model;
}
