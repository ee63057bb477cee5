using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Scoring;
using VoiceAuth.Portal.Biometrics.Local.Voiceprints;

namespace VoiceAuth.Portal.Tests.Biometrics.Local;

/// <summary>
/// S-norm's enrollment side is worked out once, when a voiceprint is completed, and stored in it; verification reads
/// it from there. Voiceprints of the previous model (no enrollment-side cohort) are still scored as they were made.
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class SNormTests(SpeechCorpusFixture corpus)
{
    private static readonly LocalEngineOptions Ti = new() { Mode = VerificationMode.TextIndependent };

    /// <summary>The model shipped before S-norm (round 6).</summary>
    private static BackgroundModel Previous => BackgroundModel.ShippedEarlier.Single(m => m.Id == "a93665f62da4480a");

    private (byte[] Before, byte[] After) Enrolled(SpeakerVerifier verifier, string[] line)
    {
        var state = verifier.NewVoiceprint();
        var before = state;
        foreach (var wav in line[1..])
        {
            before = state;
            var outcome = verifier.Enroll(state, new AudioInput(corpus.Wav(wav)));
            Assert.Equal(BiometricDecision.Accepted, outcome.Decision);
            state = outcome.Voiceprint;
        }

        return (before, state);
    }

    private string Trial(string model, string label) => File.ReadAllLines(Path.Combine(corpus.Directory, "ti", "trials.lst"))
        .Select(l => l.Split(' ')).First(p => p[0] == model && p[2] == label)[1];

    [Fact]
    public void The_enrollment_side_statistics_are_stored_when_the_voiceprint_is_completed_and_verification_uses_them()
    {
        var verifier = new SpeakerVerifier(Ti, BackgroundModel.Shipped);
        var line = corpus.Enrollments("ti")[0];
        var (before, after) = Enrolled(verifier, line);
        Assert.Null(VoiceprintFormat.Read(before)!.EnrollmentSide); // two recordings: no voiceprint to score yet
        var voiceprint = VoiceprintFormat.Read(after)!;
        var side = voiceprint.EnrollmentSide;
        Assert.NotNull(side);
        Assert.Equal(2 * BackgroundModel.Shipped.Subsystems.Count, side.Length);
        Assert.All(side.Where((_, i) => i % 2 == 1), spread => Assert.True(spread > 0));

        var target = new AudioInput(corpus.Wav(Trial(line[0], "target")));
        var stored = verifier.Verify(after, target);
        Assert.Equal(Calibration.ToScore(stored.Breakdown!.Fused, VerificationMode.TextIndependent, stored.Breakdown.SnrDb, sNorm: true), stored.Score);

        // Move the stored means: if verification read them from the voiceprint, its score moves with them.
        voiceprint.EnrollmentSide = side.Select((x, i) => i % 2 == 0 ? x + 0.2 : x).ToArray();
        var moved = verifier.Verify(VoiceprintFormat.Write(voiceprint), target);
        Assert.True(moved.Breakdown!.Fused < stored.Breakdown.Fused - 0.1);
    }

    [Fact]
    public void A_text_dependent_voiceprint_keeps_the_cohort_mean_scoring_and_stores_nothing_more()
    {
        var td = new LocalEngineOptions { Mode = VerificationMode.TextDependent };
        var line = corpus.Enrollments("td")[0];
        var (_, after) = Enrolled(new SpeakerVerifier(td, BackgroundModel.Shipped), line);
        Assert.Null(VoiceprintFormat.Read(after)!.EnrollmentSide);
    }

    [Fact]
    public void A_voiceprint_of_the_previous_model_still_verifies_scored_as_it_was_made()
    {
        var line = corpus.Enrollments("ti")[0];
        var (_, old) = Enrolled(new SpeakerVerifier(Ti, Previous), line);
        Assert.Null(VoiceprintFormat.Read(old)!.EnrollmentSide);
        var upgraded = new SpeakerVerifier(Ti, BackgroundModel.Shipped, BackgroundModel.ShippedEarlier);
        var genuine = upgraded.Verify(old, new AudioInput(corpus.Wav(Trial(line[0], "target"))));
        var impostor = upgraded.Verify(old, new AudioInput(corpus.Wav(Trial(line[0], "nontarget"))));
        Assert.NotEqual(BiometricDecision.Error, genuine.Decision);
        Assert.Equal(BiometricDecision.Rejected, impostor.Decision);
        Assert.True(genuine.Score > impostor.Score);
        // Cohort-mean units and calibration, exactly as the previous engine scored it.
        var b = genuine.Breakdown!;
        Assert.Equal(Calibration.ToScore(b.Fused, VerificationMode.TextIndependent, b.SnrDb), genuine.Score);
        Assert.Equal(new SpeakerVerifier(Ti, Previous).Verify(old, new AudioInput(corpus.Wav(Trial(line[0], "target")))).Score, genuine.Score);
    }

    [Fact]
    public void A_voiceprint_moved_to_the_current_model_gets_its_enrollment_side_statistics()
    {
        var line = corpus.Enrollments("ti")[0];
        var (_, state) = Enrolled(new SpeakerVerifier(Ti, Previous), line);
        var upgraded = new SpeakerVerifier(Ti, BackgroundModel.Shipped, BackgroundModel.ShippedEarlier);
        foreach (var wav in File.ReadAllLines(Path.Combine(corpus.Directory, "ti", "trials.lst")).Select(l => l.Split(' '))
                     .Where(p => p[0] == line[0] && p[2] == "target").Select(p => p[1]))
        {
            state = upgraded.Verify(state, new AudioInput(corpus.Wav(wav))).Voiceprint ?? state;
            if (SpeakerVerifier.ModelOf(state).Model == BackgroundModel.Shipped.Id)
            {
                break;
            }
        }

        var moved = VoiceprintFormat.Read(state)!;
        Assert.Equal(BackgroundModel.Shipped.Id, moved.BackgroundId);
        Assert.Equal(2 * BackgroundModel.Shipped.Subsystems.Count, moved.EnrollmentSide!.Length);
        Assert.NotNull(moved.GenuineLevel); // the third pass scored against the first two (round 12)
        Assert.Null(VoiceprintFormat.Read(Enrolled(new SpeakerVerifier(Ti, Previous), line).After)!.GenuineLevel);
    }
}
