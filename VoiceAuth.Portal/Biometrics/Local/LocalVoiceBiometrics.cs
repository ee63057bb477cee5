using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>
/// The built-in engine behind <see cref="IVoiceBiometrics"/>: everything runs in-process against the shipped
/// background model; the whole voiceprint (model, templates, replay history) lives in <see cref="VoiceprintState.Data"/>.
/// </summary>
/// <param name="models">The shipped models unless a test says otherwise.</param>
internal sealed partial class LocalVoiceBiometrics(IOptionsMonitor<LocalEngineOptions> options, ILogger<LocalVoiceBiometrics> logger,
    LocalEngineModels? models = null) : IVoiceBiometrics
{
    private readonly LocalEngineModels models = models ?? LocalEngineModels.Shipped;

    public const string EngineName = "local";

    // Rebuilt when the options change (an operator's threshold or passphrase in the admin settings): the monitor hands
    // out a new instance only then, so comparing references is enough, and the verifier itself is cheap to make.
    private SpeakerVerifier? current;

    private SpeakerVerifier Verifier
    {
        get
        {
            var o = options.CurrentValue;
            var v = Volatile.Read(ref current);
            if (v is null || !ReferenceEquals(v.Options, o))
            {
                v = new SpeakerVerifier(o, models.Current, models.Earlier);
                Volatile.Write(ref current, v);
            }

            return v;
        }
    }

    public string Engine => EngineName;

    public int RequiredEnrollments => SpeakerVerifier.RequiredEnrollments;

    public Task<ProfileResult> CreateProfileAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new ProfileResult(BiometricDecision.Accepted, ReasonCode.Ok, new VoiceprintState(EngineName, Verifier.NewVoiceprint(), 0, false)));
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
            var outcome = Verifier.Enroll(voiceprint.Data, recording);
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
            var o = Verifier.Verify(voiceprint.Data, recording);
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

    /// <summary>
    /// How many of these voiceprints are scored against each background model (the admin's view of an engine
    /// upgrade): keyed by model id, the current one included even at zero; other engines' voiceprints are not counted,
    /// unreadable ones come under "unreadable". A voiceprint still on an earlier model moves to the current one after
    /// its owner's next <see cref="SpeakerVerifier.RequiredEnrollments"/> passes.
    /// </summary>
    public IReadOnlyDictionary<string, int> CountByModel(IEnumerable<VoiceprintState> voiceprints)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal) { [Verifier.CurrentModel] = 0 };
        foreach (var v in voiceprints.Where(v => v.Engine == EngineName))
        {
            var key = SpeakerVerifier.ModelOf(v.Data).Model ?? "unreadable";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    /// <summary>The background model new voiceprints are made with.</summary>
    public string CurrentModel => Verifier.CurrentModel;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Local voice engine decided {Decision} (score {Score}, reason {Reason})")]
    private static partial void LogVerification(ILogger logger, BiometricDecision decision, int score, ReasonCode reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Local voice engine failed during {Operation}")]
    private static partial void LogEngineFailure(ILogger logger, string operation, Exception exception);
}
