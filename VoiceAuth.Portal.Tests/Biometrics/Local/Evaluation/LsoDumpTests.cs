using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Evaluation;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Training;
using VoiceAuth.Portal.Biometrics.Local.Voiceprints;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Evaluation;

/// <summary>
/// The offline score study (<c>eval-lso --dump</c>, <c>scripts/lso-score-study.py</c>) is only worth its figures if the
/// raw scores it reads are the ones the engine decides on, and if the no-copies variant really runs end to end.
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class LsoDumpTests(SpeechCorpusFixture corpus)
{
    [Fact]
    public void The_raw_scores_reproduce_the_engine_s_own_llr_and_s_normalised_score()
    {
        var options = new LocalEngineOptions { Mode = VerificationMode.TextIndependent };
        var verifier = new SpeakerVerifier(options, BackgroundModel.Shipped);
        var line = corpus.Enrollments("ti")[0];
        var state = verifier.NewVoiceprint();
        foreach (var wav in line[1..])
        {
            state = verifier.Enroll(state, new AudioInput(corpus.Wav(wav))).Voiceprint;
        }

        var test = File.ReadAllLines(Path.Combine(corpus.Directory, "ti", "trials.lst")).Select(l => l.Split(' ')).First(p => p[0] == line[0])[1];
        var breakdown = verifier.Verify(state, new AudioInput(corpus.Wav(test))).Breakdown!;
        var utterance = AudioPipeline.Process(corpus.Wav(test), options).Utterance!;

        var raw = verifier.RawScores(state, utterance, withCohort: true);
        Assert.True(raw.Length >= 2, "text-independent voiceprints use every subsystem");
        Assert.All(raw, r => Assert.True(r.Length > 1, "the claimant and its cohort"));
        Assert.Equal(breakdown.Llr, raw.Average(r => r[0]), 6);
        // S-norm (the shipped model has an enrollment-side cohort): 0.7 T-norm on these cohort scores, 0.3 Z-norm on
        // the voiceprint's stored enrollment-side statistics.
        var side = VoiceprintFormat.Read(state)!.EnrollmentSide!;
        var snorm = raw.Select((r, i) =>
        {
            var cohort = r.Skip(1).ToArray();
            var mean = cohort.Average();
            var spread = Math.Sqrt(cohort.Sum(x => (x - mean) * (x - mean)) / (cohort.Length - 1));
            return 0.7 * (r[0] - mean) / spread + 0.3 * (r[0] - side[2 * i]) / side[2 * i + 1];
        }).Average();
        Assert.Equal(breakdown.NormalisedLlr, snorm, 4); // the side statistics are stored as float32
        Assert.Equal(raw.Select(r => r[0]), verifier.RawScores(state, utterance, withCohort: false).Select(r => Assert.Single(r)));
    }

    [Fact]
    public void Without_enrollment_copies_every_trial_is_scored_and_dumped_with_its_cohort()
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"lso-dump-{Guid.NewGuid():N}-");
        try
        {
            var options = new LocalEngineOptions { Mode = VerificationMode.TextIndependent };
            var trials = LeaveSpeakersOut.Run(corpus.Directory, options, new TrainingSettings(Components: 32, CohortPerSpeaker: 2), ["trials.lst"], null,
                enrollmentCopies: 0, dumpPrefix: prefix)[0];

            var dumped = File.ReadAllLines(prefix + "trials.raw");
            Assert.Equal(trials.Count(t => !t.Retried), dumped.Length);
            Assert.All(dumped, l => Assert.True(l.Split(" | ").Length >= 3, "one section per subsystem after the trial's fields"));
            Assert.Contains(File.ReadLines(prefix + "-enroll.raw"), l => l.StartsWith("M ", StringComparison.Ordinal));
            Assert.Contains(File.ReadLines(prefix + "-enroll.raw"), l => l.StartsWith("U ", StringComparison.Ordinal));
            // Every enrolled voiceprint on its own three enrollment recordings.
            var self = File.ReadAllLines(prefix + "-self.raw");
            var enrolled = self.Select(l => l.Split(' ')[1]).Distinct().Count();
            Assert.True(enrolled > 0);
            Assert.Equal(3 * enrolled, self.Length);
            Assert.All(self, l => Assert.Equal("self", l.Split(' ')[3]));
            // And each of its recordings against a voiceprint of the other two (leave one out), the model column naming which.
            var loo = File.ReadAllLines(prefix + "-loo.raw").Select(l => l.Split(' ')).ToList();
            Assert.Equal(3 * enrolled, loo.Count);
            Assert.All(loo, p => Assert.Equal("loo", p[3]));
            Assert.Equal(self.Select(l => l.Split(' ')[1]).Distinct().SelectMany(m => new[] { m + "#0", m + "#1", m + "#2" }).Order(), loo.Select(p => p[1]).Order());
            Assert.Equal(self.Select(l => l.Split(' ')[2]).Order(), loo.Select(p => p[2]).Order());
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(prefix) + "*"))
            {
                File.Delete(f);
            }
        }
    }
}
