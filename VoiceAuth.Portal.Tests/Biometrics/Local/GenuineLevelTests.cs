using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Scoring;
using VoiceAuth.Portal.Biometrics.Local.Voiceprints;

namespace VoiceAuth.Portal.Tests.Biometrics.Local;

/// <summary>
/// Round 12: a text-independent voiceprint stores its owner's held-out genuine level — the third enrollment recording
/// scored against the first two — and its decisions never use a centre below a share of it.
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class GenuineLevelTests(SpeechCorpusFixture corpus)
{
    private static readonly LocalEngineOptions Ti = new() { Mode = VerificationMode.TextIndependent };

    private static byte[] Enroll(SpeakerVerifier verifier, IEnumerable<byte[]> recordings)
    {
        var state = verifier.NewVoiceprint();
        foreach (var wav in recordings)
        {
            var outcome = verifier.Enroll(state, new AudioInput(wav));
            Assert.Equal(BiometricDecision.Accepted, outcome.Decision);
            state = outcome.Voiceprint;
        }

        return state;
    }

    private string[] Trials(string model, string label) => File.ReadAllLines(Path.Combine(corpus.Directory, "ti", "trials.lst"))
        .Select(l => l.Split(' ')).Where(p => p[0] == model && p[2] == label).Select(p => p[1]).ToArray();

    [Fact]
    public void The_genuine_level_is_the_third_recording_s_s_norm_score_against_a_voiceprint_of_the_first_two()
    {
        var verifier = new SpeakerVerifier(Ti, BackgroundModel.Shipped);
        var line = corpus.Enrollments("ti")[0];
        var complete = VoiceprintFormat.Read(Enroll(verifier, line[1..].Select(corpus.Wav)))!;
        var firstTwo = Enroll(verifier, line[1..3].Select(corpus.Wav));
        var third = AudioPipeline.Process(corpus.Wav(line[3]), Ti).Utterance!;

        // Worked out here from the raw LLRs, as eval-lso --dump's "loo" lines are studied: T-norm on the cohort's scores
        // of the third recording, Z-norm on the completed voiceprint's enrollment side, subsystems averaged.
        var side = complete.EnrollmentSide!;
        var expected = verifier.RawScores(firstTwo, third, withCohort: true).Select((r, i) =>
        {
            var cohort = r.Skip(1).ToArray();
            var mean = cohort.Average();
            var spread = Math.Sqrt(cohort.Sum(x => (x - mean) * (x - mean)) / (cohort.Length - 1));
            return 0.7 * (r[0] - mean) / spread + 0.3 * (r[0] - side[2 * i]) / side[2 * i + 1];
        }).Average();
        Assert.Equal(expected, complete.GenuineLevel!.Value, 4); // stored as float32
    }

    [Fact]
    public void Another_voice_as_the_third_recording_gives_a_lower_genuine_level()
    {
        var verifier = new SpeakerVerifier(Ti, BackgroundModel.Shipped);
        var (own, other) = (corpus.Enrollments("ti")[0], corpus.Enrollments("ti").First(l => l[0] != corpus.Enrollments("ti")[0][0] && l[1].Split('/')[^2] != corpus.Enrollments("ti")[0][1].Split('/')[^2]));
        var genuine = VoiceprintFormat.Read(Enroll(verifier, own[1..].Select(corpus.Wav)))!.GenuineLevel!.Value;
        var mixed = VoiceprintFormat.Read(Enroll(verifier, own[1..3].Append(other[1]).Select(corpus.Wav)))!.GenuineLevel!.Value;
        Assert.True(genuine > mixed + 1, $"own third recording {genuine:F2}, another voice's {mixed:F2}");
    }

    [Fact]
    public void Verification_uses_the_voiceprint_s_own_centre_when_its_genuine_level_is_high()
    {
        var verifier = new SpeakerVerifier(Ti, BackgroundModel.Shipped);
        // A genuine recording that passes the shared centre by less than the most a genuine level may raise it.
        var found = corpus.Enrollments("ti").Take(6).SelectMany(line =>
        {
            var voiceprint = VoiceprintFormat.Read(Enroll(verifier, line[1..].Select(corpus.Wav)))!;
            voiceprint.GenuineLevel = null;
            var shared = VoiceprintFormat.Write(voiceprint);
            return Trials(line[0], "target").Select(w => (Voiceprint: voiceprint, Wav: w, Outcome: verifier.Verify(shared, new AudioInput(corpus.Wav(w)))));
        }).First(t => t.Outcome.Decision == BiometricDecision.Accepted
            && t.Outcome.Breakdown!.Fused < t.Outcome.Breakdown.Centre + Calibration.MaxOwnRaise - 0.1);
        var (voiceprint, wav, passed) = found;
        Assert.Equal(Calibration.ToScore(passed.Breakdown!.Fused, VerificationMode.TextIndependent, passed.Breakdown.SnrDb, sNorm: true), passed.Score);

        // The same recording against the same voiceprint whose owner's level raises its own centre as far as it goes.
        voiceprint.GenuineLevel = 100;
        var strict = verifier.Verify(VoiceprintFormat.Write(voiceprint), new AudioInput(corpus.Wav(wav)));
        Assert.Equal(passed.Breakdown.Fused, strict.Breakdown!.Fused, 9);
        Assert.Equal(passed.Breakdown.Centre + Calibration.MaxOwnRaise, strict.Breakdown.Centre, 9);
        Assert.Equal(BiometricDecision.Rejected, strict.Decision);
        Assert.True(strict.Score < 50);

        // A low level leaves the shared centre.
        voiceprint.GenuineLevel = 0.1;
        Assert.Equal(passed.Score, verifier.Verify(VoiceprintFormat.Write(voiceprint), new AudioInput(corpus.Wav(wav))).Score);
    }

    [Fact]
    public void Text_dependent_voiceprints_store_no_genuine_level()
    {
        var td = new SpeakerVerifier(new LocalEngineOptions { Mode = VerificationMode.TextDependent }, BackgroundModel.Shipped);
        Assert.Null(VoiceprintFormat.Read(Enroll(td, corpus.Enrollments("td")[0][1..].Select(corpus.Wav)))!.GenuineLevel);
    }
}
