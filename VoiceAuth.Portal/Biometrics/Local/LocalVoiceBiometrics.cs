using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>
/// The built-in engine behind <see cref="IVoiceBiometrics"/>: everything runs in-process against the shipped
/// background model; the whole voiceprint (model, templates, replay history) lives in <see cref="VoiceprintState.Data"/>.
/// </summary>
internal sealed partial class LocalVoiceBiometrics(IOptions<LocalEngineOptions> options, ILogger<LocalVoiceBiometrics> logger) : IVoiceBiometrics
{
    public const string EngineName = "local";
    private readonly SpeakerVerifier verifier = new(options.Value, BackgroundModel.Shipped);

    public string Engine => EngineName;

    public int RequiredEnrollments => SpeakerVerifier.RequiredEnrollments;

    public Task<ProfileResult> CreateProfileAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new ProfileResult(BiometricDecision.Accepted, ReasonCode.Ok, new VoiceprintState(EngineName, verifier.NewVoiceprint(), 0, false)));
    }

    public Task<EnrollmentResult> EnrollAsync(VoiceprintState voiceprint, AudioInput recording, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (voiceprint.Engine != EngineName)
        {
            return Task.FromResult(new EnrollmentResult(BiometricDecision.Error, ReasonCode.EngineMismatch, voiceprint));
        }

        try
        {
            var outcome = verifier.Enroll(voiceprint.Data, recording);
            var state = new VoiceprintState(EngineName, outcome.Voiceprint, outcome.Enrollments, outcome.Enrollments >= RequiredEnrollments);
            return Task.FromResult(new EnrollmentResult(outcome.Decision, outcome.Reason, state));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEngineFailure(logger, "enrollment", e);
            return Task.FromResult(new EnrollmentResult(BiometricDecision.Error, ReasonCode.InternalError, voiceprint));
        }
    }

    public Task<VerificationResult> VerifyAsync(VoiceprintState voiceprint, AudioInput recording, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (voiceprint.Engine != EngineName)
        {
            return Task.FromResult(new VerificationResult(BiometricDecision.Error, 0, ReasonCode.EngineMismatch, null));
        }

        try
        {
            var o = verifier.Verify(voiceprint.Data, recording);
            var state = o.Voiceprint is null ? null : voiceprint with { Data = o.Voiceprint };
            LogVerification(logger, o.Decision, o.Score, o.Reason);
            return Task.FromResult(new VerificationResult(o.Decision, o.Score, o.Reason, state));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEngineFailure(logger, "verification", e);
            return Task.FromResult(new VerificationResult(BiometricDecision.Error, 0, ReasonCode.InternalError, null));
        }
    }

    /// <summary>Nothing is held outside the voiceprint itself, so deleting the stored state deletes everything.</summary>
    public Task<DeletionResult> DeleteAsync(VoiceprintState voiceprint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(voiceprint.Engine == EngineName
            ? new DeletionResult(BiometricDecision.Accepted, ReasonCode.Ok)
            : new DeletionResult(BiometricDecision.Error, ReasonCode.EngineMismatch));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Local voice engine decided {Decision} (score {Score}, reason {Reason})")]
    private static partial void LogVerification(ILogger logger, BiometricDecision decision, int score, ReasonCode reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Local voice engine failed during {Operation}")]
    private static partial void LogEngineFailure(ILogger logger, string operation, Exception exception);
}
