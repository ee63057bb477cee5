using VoiceAuth.Portal.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Tests.Biometrics.Local;

/// <summary>
/// A new background model must not force everyone to enroll again: a voiceprint made with the earlier shipped model
/// is still scored (against that model) and moves to the current one after its owner's next three passes.
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class ModelUpgradeTests(SpeechCorpusFixture corpus)
{
    private static readonly LocalEngineOptions Options = new() { Mode = VerificationMode.TextIndependent };

    [Fact]
    public void A_voiceprint_of_the_earlier_model_keeps_working_and_moves_to_the_current_one_after_three_passes()
    {
        var earlier = BackgroundModel.ShippedEarlier[0];
        var line = corpus.Enrollments("ti")[0];
        var state = corpus.Enroll(new SpeakerVerifier(Options, earlier), line);
        var currentOnly = new SpeakerVerifier(Options, BackgroundModel.Shipped);
        var first = corpus.Trials("ti", line[0], "target")[0];
        Assert.Equal(ReasonCode.EngineMismatch, currentOnly.Verify(state, new AudioInput(corpus.Wav(first))).Reason);

        var upgraded = new SpeakerVerifier(Options, BackgroundModel.Shipped, BackgroundModel.ShippedEarlier);
        var passes = 0;
        foreach (var wav in corpus.Trials("ti", line[0], "target"))
        {
            Assert.Equal(earlier.Id, SpeakerVerifier.ModelOf(state).Model);
            var outcome = upgraded.Verify(state, new AudioInput(corpus.Wav(wav)));
            Assert.NotEqual(BiometricDecision.Error, outcome.Decision);
            passes += outcome.Decision == BiometricDecision.Accepted ? 1 : 0;
            state = outcome.Voiceprint ?? state;
            Assert.Equal(passes % SpeakerVerifier.RequiredEnrollments, SpeakerVerifier.ModelOf(state).Collected);
            if (passes == SpeakerVerifier.RequiredEnrollments)
            {
                break;
            }
        }

        Assert.Equal(SpeakerVerifier.RequiredEnrollments, passes);
        Assert.Equal(BackgroundModel.Shipped.Id, SpeakerVerifier.ModelOf(state).Model);
        var impostor = corpus.Trials("ti", line[0], "nontarget")[0];
        var after = currentOnly.Verify(state, new AudioInput(corpus.Wav(impostor)));
        Assert.Equal(BiometricDecision.Rejected, after.Decision); // scored by the current model now, not refused as a mismatch of engines
    }

    [Fact]
    public void A_refused_attempt_teaches_the_new_model_nothing()
    {
        var line = corpus.Enrollments("ti")[0];
        var state = corpus.Enroll(new SpeakerVerifier(Options, BackgroundModel.ShippedEarlier[0]), line);
        var upgraded = new SpeakerVerifier(Options, BackgroundModel.Shipped, BackgroundModel.ShippedEarlier);
        foreach (var wav in corpus.Trials("ti", line[0], "nontarget").Take(4))
        {
            var outcome = upgraded.Verify(state, new AudioInput(corpus.Wav(wav)));
            Assert.Equal(BiometricDecision.Rejected, outcome.Decision);
            state = outcome.Voiceprint ?? state;
        }

        Assert.Equal((BackgroundModel.ShippedEarlier[0].Id, 0), SpeakerVerifier.ModelOf(state));
    }

    [Fact]
    public void The_admin_can_count_voiceprints_on_each_model()
    {
        var line = corpus.Enrollments("ti")[0];
        var old = corpus.Enroll(new SpeakerVerifier(Options, BackgroundModel.ShippedEarlier[0]), line);
        var current = corpus.Enroll(new SpeakerVerifier(Options, BackgroundModel.Shipped), line);
        var engine = new LocalVoiceBiometrics(new FixedOptionsMonitor<LocalEngineOptions>(Options), NullLogger<LocalVoiceBiometrics>.Instance);
        var counts = engine.CountByModel([
            new VoiceprintState("local", old, 3, true), new VoiceprintState("local", current, 3, true),
            new VoiceprintState("local", current, 3, true), new VoiceprintState("voiceit", [1, 2], 3, true),
        ]);
        Assert.Equal(2, counts[BackgroundModel.Shipped.Id]);
        Assert.Equal(1, counts[BackgroundModel.ShippedEarlier[0].Id]);
        Assert.Equal(2, counts.Count);
        Assert.Equal(BackgroundModel.Shipped.Id, engine.CurrentModel);
    }
}
