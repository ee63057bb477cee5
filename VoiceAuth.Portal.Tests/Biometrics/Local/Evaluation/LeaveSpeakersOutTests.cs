using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Evaluation;
using VoiceAuth.Portal.Biometrics.Local.Training;

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
}
