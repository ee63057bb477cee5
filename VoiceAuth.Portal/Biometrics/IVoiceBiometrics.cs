namespace VoiceAuth.Portal.Biometrics;

/// <summary>
/// The seam every voice-biometric engine implements: the built-in engine (<c>Local/</c>) and the
/// VoiceIt API 2 client (<c>VoiceIt/</c>). Callers never learn which engine runs: they hold an
/// opaque <see cref="VoiceprintState"/> that the storage layer encrypts at rest and hands back.
/// </summary>
/// <remarks>
/// Implementations never throw for bad audio, unknown users or an unreachable service: every
/// outcome, including failures, comes back as a result with a <see cref="ReasonCode"/>.
/// Cancellation is the only exception that escapes.
/// </remarks>
public interface IVoiceBiometrics
{
    /// <summary>Stable engine name stored with each voiceprint (e.g. <c>local</c>, <c>voiceit</c>).</summary>
    string Engine { get; }

    /// <summary>Recordings an enrollment needs before verification is possible.</summary>
    int RequiredEnrollments { get; }

    /// <summary>Starts an empty voiceprint for one person (VoiceIt: creates the remote user).</summary>
    Task<ProfileResult> CreateProfileAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds one enrollment recording. The returned state replaces the caller's copy whether or not the
    /// recording was accepted; after <see cref="RequiredEnrollments"/> accepted recordings the voiceprint
    /// is complete.
    /// </summary>
    Task<EnrollmentResult> EnrollAsync(VoiceprintState voiceprint, AudioInput recording, CancellationToken cancellationToken);

    /// <summary>Verifies one recording against a complete voiceprint.</summary>
    Task<VerificationResult> VerifyAsync(VoiceprintState voiceprint, AudioInput recording, CancellationToken cancellationToken);

    /// <summary>Removes every trace of the voiceprint held by the engine (VoiceIt: the user and its enrollments).</summary>
    Task<DeletionResult> DeleteAsync(VoiceprintState voiceprint, CancellationToken cancellationToken);
}
