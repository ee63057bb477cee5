namespace VoiceAuth.Portal.Biometrics;

/// <summary>What an engine decided.</summary>
public enum BiometricDecision
{
    /// <summary>Enrollment recording accepted, or the voice matched.</summary>
    Accepted,
    /// <summary>The voice did not match (or is a replay): a genuine biometric refusal.</summary>
    Rejected,
    /// <summary>The recording could not be used (quality, format, phrase): ask again, it is not a failed attempt.</summary>
    Retry,
    /// <summary>The engine could not answer (unreachable, misconfigured, unknown profile): nothing was decided.</summary>
    Error,
}

/// <summary>Result of <see cref="IVoiceBiometrics.CreateProfileAsync"/>.</summary>
public sealed record ProfileResult(BiometricDecision Decision, ReasonCode Reason, VoiceprintState? Voiceprint)
{
    public bool Succeeded => Decision == BiometricDecision.Accepted && Voiceprint is not null;
}

/// <summary>Result of one enrollment recording; <see cref="Voiceprint"/> always holds the state to store.</summary>
public sealed record EnrollmentResult(BiometricDecision Decision, ReasonCode Reason, VoiceprintState Voiceprint);

/// <summary>Result of one verification; <paramref name="Score"/> is calibrated 0–100 (higher is more alike).</summary>
/// <param name="Decision">Accepted, Rejected, Retry or Error.</param>
/// <param name="Score">0–100, comparable across engines only loosely; 0 when nothing was scored.</param>
/// <param name="Reason">Why, in a code the phone flow and the page can explain.</param>
/// <param name="Voiceprint">Updated state (e.g. the replay history), or null when unchanged.</param>
public sealed record VerificationResult(BiometricDecision Decision, int Score, ReasonCode Reason, VoiceprintState? Voiceprint);

/// <summary>Result of <see cref="IVoiceBiometrics.DeleteAsync"/>.</summary>
public sealed record DeletionResult(BiometricDecision Decision, ReasonCode Reason)
{
    public bool Succeeded => Decision == BiometricDecision.Accepted;
}
