using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Audio;
using VoiceAuth.Portal.Biometrics.Local.Features;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Scoring;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Scoring;

/// <summary>The calibration knows the recording's quality: the same evidence counts for less on a noisy line.</summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class CalibrationTests(SpeechCorpusFixture corpus)
{
    private const int V4 = FeatureSettings.DeltasVersion;

    [Fact]
    public void The_centre_scores_exactly_the_default_threshold_on_a_clean_line() =>
        Assert.Equal(50, Calibration.ToScore(Calibration.TiCentre, VerificationMode.TextIndependent, 60));

    [Fact]
    public void The_s_norm_centre_scores_exactly_the_default_threshold_on_a_clean_line_and_less_on_a_noisy_one()
    {
        Assert.Equal(50, Calibration.ToScore(Calibration.SNormCentre, VerificationMode.TextIndependent, 60, sNorm: true));
        Assert.True(Calibration.ToScore(Calibration.SNormCentre, VerificationMode.TextIndependent, 20, sNorm: true) < 50);
        // The two units differ: the cohort-mean centre is a clear refusal in S-norm units, and the S-norm centre a clear pass in the old ones.
        Assert.True(Calibration.ToScore(Calibration.TiCentre, VerificationMode.TextIndependent, 60, sNorm: true) < 5);
        Assert.True(Calibration.ToScore(Calibration.SNormCentre, VerificationMode.TextIndependent, 60) > 95);
    }

    [Fact]
    public void A_voiceprint_s_own_centre_is_a_share_of_its_genuine_level_when_that_is_higher_and_never_lower_than_the_shared_one()
    {
        Assert.Equal(Calibration.SNormCentre, Calibration.ClientCentre(null));
        Assert.Equal(Calibration.SNormCentre, Calibration.ClientCentre(-3));
        Assert.Equal(Calibration.SNormCentre, Calibration.ClientCentre(Calibration.SNormCentre / Calibration.GenuineShare - 0.01));
        var level = (Calibration.SNormCentre + Calibration.MaxOwnRaise / 2) / Calibration.GenuineShare;
        Assert.Equal(Calibration.SNormCentre + Calibration.MaxOwnRaise / 2, Calibration.ClientCentre(level), 9);
        Assert.Equal(Calibration.SNormCentre + Calibration.MaxOwnRaise, Calibration.ClientCentre(100), 9); // bounded
        Assert.InRange(Calibration.GenuineShare, 0.3, 0.7); // a look-alike voice scores about half its victim's level

        // Evidence between the shared centre and the voiceprint's own passes without a level and fails with one.
        var fused = Calibration.SNormCentre + Calibration.MaxOwnRaise / 4;
        Assert.True(Calibration.ToScore(fused, VerificationMode.TextIndependent, 60, sNorm: true) >= 50);
        Assert.True(Calibration.ToScore(fused, VerificationMode.TextIndependent, 60, sNorm: true, genuineLevel: level) < 50);
        Assert.Equal(50, Calibration.ToScore(Calibration.GenuineShare * level, VerificationMode.TextIndependent, 60, sNorm: true, genuineLevel: level));
        // A low level changes nothing; cohort-mean units (earlier models' voiceprints) ignore it.
        Assert.Equal(Calibration.ToScore(fused, VerificationMode.TextIndependent, 60, sNorm: true), Calibration.ToScore(fused, VerificationMode.TextIndependent, 60, sNorm: true, genuineLevel: 1));
        Assert.Equal(Calibration.ToScore(0.5, VerificationMode.TextIndependent, 60), Calibration.ToScore(0.5, VerificationMode.TextIndependent, 60, genuineLevel: level));
        // On a noisy line the noise shift comes on top of the voiceprint's own centre.
        Assert.True(Calibration.ToScore(Calibration.GenuineShare * level, VerificationMode.TextIndependent, 20, sNorm: true, genuineLevel: level) < 50);
        Assert.Equal(Calibration.ClientCentre(level) + Calibration.SNormNoiseShift(20), Calibration.Centre(VerificationMode.TextIndependent, 20, sNorm: true, genuineLevel: level), 9);
    }

    [Fact]
    public void The_same_evidence_counts_for_less_on_a_noisy_line_and_the_same_on_any_clean_one()
    {
        var fused = Calibration.TiCentre + 0.05;
        Assert.True(Calibration.ToScore(fused, VerificationMode.TextIndependent, 15) < Calibration.ToScore(fused, VerificationMode.TextIndependent, 30));
        Assert.True(Calibration.ToScore(fused, VerificationMode.TextIndependent, 30) < Calibration.ToScore(fused, VerificationMode.TextIndependent, 45));
        Assert.Equal(Calibration.ToScore(fused, VerificationMode.TextIndependent, 45), Calibration.ToScore(fused, VerificationMode.TextIndependent, 80));
        Assert.True(Calibration.TdVoiceFloor(15) > Calibration.TdVoiceFloor(60));
    }

    [Fact]
    public void The_td_voice_floor_rises_further_below_30_dB_and_not_at_all_on_a_clean_line()
    {
        // Version 4's models (round 12's calibration). Clean lines: round 6's floor (the lso clean recordings measure 66 dB or more).
        Assert.Equal(Calibration.TdVoiceFloorClean, Calibration.TdVoiceFloor(66, V4), 9);
        Assert.Equal(Calibration.TdVoiceFloor(45, V4), Calibration.TdVoiceFloor(80, V4), 9);
        // 30–40 dB: the shared noise shift only.
        Assert.Equal(Calibration.TdVoiceFloorClean + Calibration.NoiseShift(35), Calibration.TdVoiceFloor(35, V4), 9);
        // At the ≈ 21 dB of a G.711 line with ≈ 15 dB of noise, round 11's further rise: at least 0.06 above the shared shift
        // (less let 3 of the noisy lso impostors through against the ti decision's 1), under 0.09 (the voice-only miss rate).
        var extra = Calibration.TdVoiceFloor(21, V4) - Calibration.TdVoiceFloorClean - Calibration.NoiseShift(21);
        Assert.InRange(extra, 0.06, 0.09);
        Assert.True(Calibration.TdVoiceFloor(20, V4) - Calibration.TdVoiceFloor(25, V4) > Calibration.TdVoiceFloor(30, V4) - Calibration.TdVoiceFloor(35, V4));
        Assert.Equal(Calibration.TdVoiceFloorClean, Calibration.TdVoiceFloor(double.NaN, V4), 9);
    }

    [Fact]
    public void Version_5_scores_have_a_calibration_of_their_own_and_version_4_voiceprints_keep_theirs()
    {
        const int v5 = FeatureSettings.AccelerationVersion;
        // Text-dependent: version 5's wider LLR range needs a higher centre and floor (round 13).
        Assert.Equal(Calibration.TdCentre, Calibration.Centre(VerificationMode.TextDependent, 60, featureVersion: V4), 9);
        Assert.Equal(2.6, Calibration.Centre(VerificationMode.TextDependent, 60, featureVersion: v5), 9);
        Assert.Equal(0.60, Calibration.TdVoiceFloor(66, v5), 9);
        Assert.Equal(Calibration.TdVoiceFloor(21, V4) + 0.07, Calibration.TdVoiceFloor(21, v5), 9);
        // A td score that passes a version-4 voiceprint does not pass a version-5 one.
        Assert.True(Calibration.ToScore(2.0, VerificationMode.TextDependent, 60, featureVersion: V4) >= 50);
        Assert.True(Calibration.ToScore(2.0, VerificationMode.TextDependent, 60, featureVersion: v5) < 50);
        // Text-independent S-norm: the same centre on a clean line, a steeper rise below 30 dB.
        Assert.Equal(Calibration.Centre(VerificationMode.TextIndependent, 60, true, 7.0, V4), Calibration.Centre(VerificationMode.TextIndependent, 60, true, 7.0, v5), 9);
        Assert.Equal(0.005 * 9, Calibration.SNormNoiseShift(21, v5) - Calibration.SNormNoiseShift(21, V4), 9);
        Assert.Equal(v5, FeatureSettings.Version); // new voiceprints are made with version 5's model
    }

    [Fact]
    public void A_recording_the_test_makes_noisy_is_scored_with_its_measured_signal_to_noise_ratio()
    {
        var (options, verifier, state, clean, rms) = EnrolledWithCleanTarget();
        var noisy = TestAudio.Mix(clean, TestAudio.Noise(clean.Length / 8000.0, rms / 10)); // about 20 dB under the recording's level

        var outcome = verifier.Verify(state, new AudioInput(TestAudio.Pcm16(noisy)));
        var b = outcome.Breakdown!;
        Assert.InRange(b.SnrDb, options.MinSnrDb, Calibration.CleanSnrDb);
        Assert.Equal(Calibration.ToScore(b.Fused, VerificationMode.TextIndependent, b.SnrDb, sNorm: true), outcome.Score);
        Assert.True(Calibration.ToScore(b.Fused, VerificationMode.TextIndependent, b.SnrDb, sNorm: true)
            <= Calibration.ToScore(b.Fused, VerificationMode.TextIndependent, double.PositiveInfinity, sNorm: true));
        Assert.True(Calibration.SNormNoiseShift(b.SnrDb) > 0);
    }

    [Fact]
    public void A_noisier_recording_the_test_makes_needs_more_evidence_and_a_clean_one_none_extra()
    {
        var (options, verifier, state, clean, rms) = EnrolledWithCleanTarget();
        ScoreBreakdown Scored(float[] samples) => verifier.Verify(state, new AudioInput(TestAudio.Pcm16(samples))).Breakdown!;
        var asRecorded = Scored(clean);
        var slightly = Scored(TestAudio.Mix(clean, TestAudio.Noise(clean.Length / 8000.0, rms / 20)));
        var noisier = Scored(TestAudio.Mix(clean, TestAudio.Noise(clean.Length / 8000.0, rms / 6)));

        // The corpus recording is a clean line: no rise (the leave-speakers-out clean recordings measure 66 dB or more).
        Assert.True(asRecorded.SnrDb >= Calibration.CleanSnrDb, $"clean recording measured {asRecorded.SnrDb:F1} dB");
        Assert.Equal(0, Calibration.SNormNoiseShift(asRecorded.SnrDb));
        Assert.InRange(noisier.SnrDb, options.MinSnrDb, slightly.SnrDb - 5);
        Assert.True(slightly.SnrDb < Calibration.CleanSnrDb, $"slightly noisy recording measured {slightly.SnrDb:F1} dB");

        // The fused evidence that scores exactly the threshold rises with the noise the gate measures.
        var needed = (double snr) => Calibration.SNormCentre + Calibration.SNormNoiseShift(snr);
        Assert.True(needed(noisier.SnrDb) > needed(slightly.SnrDb));
        Assert.True(needed(slightly.SnrDb) > needed(asRecorded.SnrDb));
        Assert.True(Calibration.ToScore(noisier.Fused, VerificationMode.TextIndependent, noisier.SnrDb, sNorm: true)
            < Calibration.ToScore(noisier.Fused, VerificationMode.TextIndependent, slightly.SnrDb, sNorm: true));

        // Round 10's margin: at the ≈ 21 dB measured on a G.711 line with ≈ 15 dB of noise the centre sits at least 0.4
        // S-norm units higher (less let round 8's fold-A centre pass 1.5 % of fold B's noisy impostors); between 30 and
        // 40 dB the rise stays round 8's 0.01 per dB, and each dB under 30 costs more than one above.
        Assert.InRange(Calibration.SNormNoiseShift(21), 0.4, 0.6);
        Assert.Equal(0.05, Calibration.SNormNoiseShift(35), 9);
        Assert.True(Calibration.SNormNoiseShift(20) - Calibration.SNormNoiseShift(25) > Calibration.SNormNoiseShift(30) - Calibration.SNormNoiseShift(35));
    }

    /// <summary>The first ti model, enrolled text-independently with the shipped model, and one of its target recordings (samples, RMS level).</summary>
    private (LocalEngineOptions Options, SpeakerVerifier Verifier, byte[] State, float[] Clean, double Rms) EnrolledWithCleanTarget()
    {
        var options = new LocalEngineOptions { Mode = VerificationMode.TextIndependent };
        var verifier = new SpeakerVerifier(options, BackgroundModel.Shipped);
        var line = corpus.Enrollments("ti")[0];
        var state = verifier.NewVoiceprint();
        foreach (var wav in line[1..])
        {
            state = verifier.Enroll(state, new AudioInput(corpus.Wav(wav))).Voiceprint;
        }

        var clean = WavReader.Read(corpus.Wav(corpus.Trial("ti", line[0], "target")), int.MaxValue, 60).Audio!.Samples;
        return (options, verifier, state, clean, Math.Sqrt(clean.Average(x => (double)x * x)));
    }
}
