using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Evaluation;
using VoiceAuth.Portal.Biometrics.Local.Training;
using VoiceAuth.Portal.Tests.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Evaluation;

/// <summary>
/// The leave-speakers-out protocol on the small corpus (four ktuberling voices in two folds), with small background
/// models so that it runs in CI in about a minute: each fold's model must not have heard the fold's voices, and the
/// engine must still tell those unheard voices apart. The full protocol's figures are in docs/benchmarks.md.
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class LeaveSpeakersOutTests(SpeechCorpusFixture corpus)
{
    private static readonly TrainingSettings Small = new(Components: 32, CohortPerSpeaker: 2);

    [Fact]
    public void Every_fold_is_scored_by_a_model_that_never_heard_its_speakers()
    {
        var folds = LeaveSpeakersOut.Folds(corpus.Directory);
        Assert.True(folds.Count >= 2, "at least two folds");
        foreach (var fold in folds)
        {
            var model = LeaveSpeakersOut.ModelFor(corpus.Directory, fold, Small, null);
            var own = File.ReadAllLines(Path.Combine(corpus.Directory, "lso", fold, "exclude.lst"));
            Assert.NotEmpty(model.TrainingSpeakers);
            Assert.Empty(model.TrainingSpeakers.Intersect(own));
        }
    }

    [Fact]
    public void Unheard_speakers_are_told_apart_and_the_figures_carry_speaker_counts()
    {
        var trials = LeaveSpeakersOut.Run(corpus.Directory, new LocalEngineOptions { Mode = VerificationMode.TextIndependent }, Small, ["trials.lst"], null)[0];
        var summary = LsoSummary.From(trials);
        Assert.True(summary.Report.Targets > 0 && summary.Report.Nontargets > 0);
        Assert.True(summary.ModelSpeakers >= 2, $"{summary.ModelSpeakers} model speakers");
        Assert.True(summary.Report.Eer <= 0.25, $"leave-speakers-out EER {summary.Report.Eer:P1} with 32-component models");
        Assert.InRange(summary.Report.Eer, summary.EerInterval.Low - 1e-9, summary.EerInterval.High + 1e-9);
    }

    /// <summary>
    /// The wide protocol (<c>lsw/</c>; on the small corpus its four ktuberling voices and two KLettres voices in two folds):
    /// a fold's model has heard no voice of the fold's languages, every trial is labelled by its two voices, and no
    /// impostor trial pairs two voices of one language (one volunteer may have recorded several packages).
    /// </summary>
    [Fact]
    public void The_wide_protocol_leaves_out_every_voice_of_a_folds_languages_and_never_pairs_two_voices_of_one_language()
    {
        const string protocol = "lsw";
        var cache = Directory.CreateTempSubdirectory("lsw-models-").FullName;
        try
        {
            var folds = LeaveSpeakersOut.Folds(corpus.Directory, protocol);
            Assert.True(folds.Count >= 2, "at least two folds");
            var voices = File.ReadLines(Path.Combine(corpus.Directory, protocol, "folds.lst")).Select(l => l.Split(' ')).ToList();
            Assert.Contains(voices, v => v[1].StartsWith("bg-", StringComparison.Ordinal)); // wider than lso: KLettres voices are tested too
            var impostorVoices = new HashSet<string>();
            foreach (var fold in folds)
            {
                var excluded = LeaveSpeakersOut.Excluded(corpus.Directory, protocol, fold);
                Assert.All(voices.Where(v => v[0] == fold), v => Assert.Contains(v[1], excluded));
                foreach (var (model, wav, label) in CorpusLists.Trials(Path.Combine(corpus.Directory, protocol, fold, "trials.lst")))
                {
                    var (claimed, speaking) = (LeaveSpeakersOut.SpeakerOfModel(model), LeaveSpeakersOut.SpeakerOfWav(wav));
                    Assert.Equal(claimed == speaking ? "target" : "nontarget", label);
                    if (claimed != speaking)
                    {
                        Assert.NotEqual(ShippedModelsTests.Language(claimed), ShippedModelsTests.Language(speaking));
                        impostorVoices.Add(speaking);
                    }
                }

                var trained = LeaveSpeakersOut.ModelFor(corpus.Directory, fold, Small, cache, protocol);
                Assert.NotEmpty(trained.TrainingSpeakers);
                Assert.Empty(trained.TrainingSpeakers.Intersect(excluded));
            }

            Assert.Contains(impostorVoices, v => v.StartsWith("bg-", StringComparison.Ordinal));
            var trials = LeaveSpeakersOut.Run(corpus.Directory, new LocalEngineOptions { Mode = VerificationMode.TextIndependent }, Small, ["trials.lst"], cache, protocol: protocol)[0];
            Assert.Contains(trials, t => t.Label == "nontarget" && LeaveSpeakersOut.SpeakerOfWav(t.Wav).StartsWith("bg-", StringComparison.Ordinal));
            Assert.True(LsoSummary.From(trials).Report.Eer <= 0.25);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
