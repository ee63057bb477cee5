using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Audio;
using VoiceAuth.Portal.Biometrics.Local.Evaluation;
using VoiceAuth.Portal.Biometrics.Local.Features;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Scoring;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Scoring;

/// <summary>
/// The text-dependent decision's voice floor (<see cref="Calibration.TdVoiceFloor"/>): applied at the signal-to-noise
/// ratio the gate measures, and measured (<c>eval-lso --td-voice</c>) on exactly the value it is compared with.
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class TextDependentVoiceFloorTests(SpeechCorpusFixture corpus)
{
    private static readonly LocalEngineOptions Td = new() { Mode = VerificationMode.TextDependent };
    private static readonly LocalEngineOptions Ti = new() { Mode = VerificationMode.TextIndependent };

    private byte[] Enrolled(SpeakerVerifier verifier, string[] line)
    {
        var state = verifier.NewVoiceprint();
        foreach (var wav in line[1..])
        {
            var outcome = verifier.Enroll(state, new AudioInput(corpus.Wav(wav)));
            Assert.Equal(BiometricDecision.Accepted, outcome.Decision);
            state = outcome.Voiceprint!;
        }

        return state;
    }

    [Fact]
    public void On_a_noisy_line_the_test_makes_the_floor_at_the_measured_ratio_decides_with_round_10s_further_rise()
    {
        var verifier = new SpeakerVerifier(Td, BackgroundModel.Shipped);
        var line = corpus.Enrollments("td")[0];
        var state = Enrolled(verifier, line);
        var clean = WavReader.Read(corpus.Wav(corpus.Trial("td", line[0], "target")), int.MaxValue, 60).Audio!.Samples;
        var rms = Math.Sqrt(clean.Average(x => (double)x * x));
        foreach (var level in new[] { 1.0 / 10, 1.0 / 6 })
        {
            var noisy = TestAudio.Mix(clean, TestAudio.Noise(clean.Length / 8000.0, rms * level));
            var outcome = verifier.Verify(state, new AudioInput(TestAudio.Pcm16(noisy)));
            var b = outcome.Breakdown!;
            Assert.InRange(b.SnrDb, Td.MinSnrDb, Calibration.NoisyLineSnrDb);

            // Below 30 dB the floor sits higher than round 6's (clean part plus the shared noise shift) by its own rise.
            var floor = Calibration.TdVoiceFloor(b.SnrDb);
            var extra = floor - (Calibration.For(FeatureSettings.Version).TdVoiceFloorClean + Calibration.NoiseShift(b.SnrDb));
            Assert.Equal(Calibration.TdVoiceNoisyLineShiftPerDb * (Calibration.NoisyLineSnrDb - b.SnrDb), extra, 9);
            Assert.True(extra > 0);

            // The verifier compares the voice evidence with the floor at the measured ratio, and nothing else caps the score.
            var calibrated = Calibration.ToScore(b.Fused, VerificationMode.TextDependent, b.SnrDb);
            var expected = b.NormalisedLlr < floor ? Math.Min(calibrated, Td.Threshold - 1) : calibrated;
            Assert.Equal(expected, outcome.Score);
            Assert.Equal(outcome.Score >= Td.Threshold, outcome.Decision == BiometricDecision.Accepted);
        }
    }

    [Fact]
    public void The_td_voice_measurement_scores_exactly_the_value_the_floor_is_compared_with()
    {
        // Text-dependent voiceprints are scored in cohort-mean units by the first subsystem. eval-lso --td-voice scores
        // text-independent trials with that subsystem alone: it must not S-norm them, although the model it starts
        // from has an enrollment-side cohort.
        Assert.True(BackgroundModel.Shipped.HasEnrollmentSide);
        var voiceOnly = LsoCommand.TdVoiceOnly(BackgroundModel.Shipped);
        Assert.False(voiceOnly.HasEnrollmentSide);
        Assert.Single(voiceOnly.Subsystems);

        var line = corpus.Enrollments("td")[0];
        var td = new SpeakerVerifier(Td, BackgroundModel.Shipped);
        var measured = new SpeakerVerifier(Ti, voiceOnly);
        var (tdState, measuredState) = (Enrolled(td, line), Enrolled(measured, line));
        foreach (var label in new[] { "target", "nontarget" })
        {
            var wav = corpus.Wav(corpus.Trial("td", line[0], label));
            var inTd = td.Verify(tdState, new AudioInput(wav)).Breakdown!;
            var inMeasurement = measured.Verify(measuredState, new AudioInput(wav)).Breakdown!;
            Assert.Equal(inTd.NormalisedLlr, inMeasurement.NormalisedLlr, 6);
            Assert.Equal(inTd.NormalisedLlr, inMeasurement.Fused, 6);
        }
    }
}
