using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Audio;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Scoring;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Scoring;

/// <summary>The calibration knows the recording's quality: the same evidence counts for less on a noisy line.</summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class CalibrationTests(SpeechCorpusFixture corpus)
{
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
    public void The_same_evidence_counts_for_less_on_a_noisy_line_and_the_same_on_any_clean_one()
    {
        var fused = Calibration.TiCentre + 0.05;
        Assert.True(Calibration.ToScore(fused, VerificationMode.TextIndependent, 15) < Calibration.ToScore(fused, VerificationMode.TextIndependent, 30));
        Assert.True(Calibration.ToScore(fused, VerificationMode.TextIndependent, 30) < Calibration.ToScore(fused, VerificationMode.TextIndependent, 45));
        Assert.Equal(Calibration.ToScore(fused, VerificationMode.TextIndependent, 45), Calibration.ToScore(fused, VerificationMode.TextIndependent, 80));
        Assert.True(Calibration.TdVoiceFloor(15) > Calibration.TdVoiceFloor(60));
    }

    [Fact]
    public void A_recording_the_test_makes_noisy_is_scored_with_its_measured_signal_to_noise_ratio()
    {
        var options = new LocalEngineOptions { Mode = VerificationMode.TextIndependent };
        var verifier = new SpeakerVerifier(options, BackgroundModel.Shipped);
        var line = corpus.Enrollments("ti")[0];
        var state = verifier.NewVoiceprint();
        foreach (var wav in line[1..])
        {
            state = verifier.Enroll(state, new AudioInput(corpus.Wav(wav))).Voiceprint;
        }

        var test = File.ReadAllLines(Path.Combine(corpus.Directory, "ti", "trials.lst")).Select(l => l.Split(' '))
            .First(p => p[0] == line[0] && p[2] == "target")[1];
        var clean = WavReader.Read(corpus.Wav(test), int.MaxValue, 60).Audio!.Samples;
        var rms = Math.Sqrt(clean.Average(x => (double)x * x));
        var noisy = TestAudio.Mix(clean, TestAudio.Noise(clean.Length / 8000.0, rms / 10)); // about 20 dB under the recording's level

        var outcome = verifier.Verify(state, new AudioInput(TestAudio.Pcm16(noisy)));
        var b = outcome.Breakdown!;
        Assert.InRange(b.SnrDb, options.MinSnrDb, Calibration.CleanSnrDb);
        Assert.Equal(Calibration.ToScore(b.Fused, VerificationMode.TextIndependent, b.SnrDb, sNorm: true), outcome.Score);
        Assert.True(Calibration.ToScore(b.Fused, VerificationMode.TextIndependent, b.SnrDb, sNorm: true)
            <= Calibration.ToScore(b.Fused, VerificationMode.TextIndependent, double.PositiveInfinity, sNorm: true));
        Assert.True(Calibration.SNormNoiseShift(b.SnrDb) > 0);
    }
}
