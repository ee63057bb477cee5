using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Features;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Training;
using VoiceAuth.Portal.Biometrics.Local.Voiceprints;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Biometrics.Local;

/// <summary>
/// A model trained on other features must not force everyone to enroll again either (issue 9): the engine analyses a
/// recording as the voiceprint's own model was trained, so voiceprints of a version-4 model keep working beside a
/// model of accelerated features (version 5, here a small one trained in the test) and move to it after three passes,
/// as a new model of the same features does (<see cref="ModelUpgradeTests"/>: the shipped pair).
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class FeatureVersionUpgradeTests(SpeechCorpusFixture corpus)
{
    private static readonly LocalEngineOptions Options = new() { Mode = VerificationMode.TextIndependent };
    private static readonly Lock Gate = new();
    private static BackgroundModel? accelerated;

    /// <summary>A small model of version-5 features from the test corpus's background speakers, trained once per run.</summary>
    /// <summary>The version-4 model shipped before round 13 (S-norm), kept for the voiceprints made with it.</summary>
    private static BackgroundModel Version4 => BackgroundModel.ShippedEarlier.Single(m => m.FeatureVersion == FeatureSettings.DeltasVersion && m.HasEnrollmentSide);

    private BackgroundModel Accelerated()
    {
        lock (Gate)
        {
            return accelerated ??= TrainUbmCommand.WithEnrollmentSide(corpus.Directory, BackgroundModel.FromBytes(
                TrainUbmCommand.Train(corpus.Directory, new TrainingSettings(Components: 32, CohortPerSpeaker: 2, Features: FeatureSettings.AccelerationVersion), new HashSet<string>())));
        }
    }

    [Fact]
    public void A_model_of_other_features_is_read_back_as_such_and_a_file_whose_version_and_dimension_disagree_is_refused()
    {
        var model = Accelerated();
        Assert.Equal(FeatureSettings.AccelerationVersion, model.FeatureVersion);
        Assert.Equal(33, model.Subsystems[0].Ubm.Dimension);
        var bytes = model.ToBytes();
        Assert.Equal(model.Id, BackgroundModel.FromBytes(bytes).Id);
        Assert.Equal(FeatureSettings.AccelerationVersion, BackgroundModel.FromBytes(bytes).FeatureVersion);

        var claimsFour = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(claimsFour.AsSpan(6, 2), (ushort)FeatureSettings.DeltasVersion); // magic, format, then the feature version
        Assert.Throws<InvalidDataException>(() => BackgroundModel.FromBytes(claimsFour));
        BitConverter.TryWriteBytes(claimsFour.AsSpan(6, 2), (ushort)9);
        Assert.Throws<InvalidDataException>(() => BackgroundModel.FromBytes(claimsFour));
        Assert.Equal(FeatureSettings.Version, BackgroundModel.Shipped.FeatureVersion);
    }

    [Fact]
    public void Voiceprints_of_a_version_4_model_keep_working_beside_a_model_of_new_features_and_move_to_it_after_three_passes()
    {
        var current = Accelerated();
        var line = corpus.Enrollments("ti")[0];
        var state = corpus.Enroll(new SpeakerVerifier(Options, Version4), line);
        var currentOnly = new SpeakerVerifier(Options, current);
        Assert.Equal(ReasonCode.EngineMismatch, currentOnly.Verify(state, new AudioInput(corpus.Wav(corpus.Trials("ti", line[0], "target")[0]))).Reason);

        var upgraded = new SpeakerVerifier(Options, current, [Version4]);
        var earlierOnly = new SpeakerVerifier(Options, Version4);
        var passes = 0;
        foreach (var wav in corpus.Trials("ti", line[0], "target"))
        {
            // Scored exactly as the version-4 model alone scores it: analysed with that model's features.
            var outcome = upgraded.Verify(state, new AudioInput(corpus.Wav(wav)));
            Assert.Equal(earlierOnly.Verify(state, new AudioInput(corpus.Wav(wav))).Score, outcome.Score);
            passes += outcome.Decision == BiometricDecision.Accepted ? 1 : 0;
            state = outcome.Voiceprint ?? state;
            if (passes == SpeakerVerifier.RequiredEnrollments)
            {
                break;
            }
        }

        Assert.Equal(SpeakerVerifier.RequiredEnrollments, passes);
        Assert.Equal(current.Id, SpeakerVerifier.ModelOf(state).Model);
        Assert.Equal(FeatureSettings.AccelerationVersion, VoiceprintFormat.Read(state)!.FeatureVersion);
        var owner = currentOnly.Verify(state, new AudioInput(corpus.Wav(corpus.Trials("ti", line[0], "target")[^1])));
        var impostor = currentOnly.Verify(state, new AudioInput(corpus.Wav(corpus.Trials("ti", line[0], "nontarget")[0])));
        Assert.NotEqual(BiometricDecision.Error, owner.Decision); // scored by the new model's features now, not a mismatch
        Assert.Equal(BiometricDecision.Rejected, impostor.Decision);
        Assert.True(owner.Score > impostor.Score, $"owner {owner.Score}, impostor {impostor.Score}");
    }

    [Fact]
    public void A_voiceprint_of_a_feature_version_this_build_does_not_serve_is_refused_not_misread()
    {
        var verifier = new SpeakerVerifier(Options, BackgroundModel.Shipped);
        var state = corpus.Enroll(verifier, corpus.Enrollments("ti")[0]);
        Assert.Equal(FeatureSettings.Version, VoiceprintFormat.Read(state)!.FeatureVersion);

        state[5] = 9; // magic, format, then the feature version
        Assert.Null(VoiceprintFormat.Read(state));
        Assert.Equal(ReasonCode.EngineMismatch, verifier.Verify(state, new AudioInput(corpus.Wav(corpus.Enrollments("ti")[0][1]))).Reason);
    }
}
