namespace VoiceAuth.Portal.Biometrics;

/// <summary>
/// An engine's opaque, versioned voiceprint: for the built-in engine the model itself, for VoiceIt the remote
/// user id and enrollment count. Never shown to users or written to logs; encrypted by the storage layer.
/// </summary>
/// <param name="Engine">The engine that produced it (see <see cref="IVoiceBiometrics.Engine"/>).</param>
/// <param name="Data">The engine's serialised state.</param>
/// <param name="EnrollmentCount">Accepted enrollment recordings so far.</param>
/// <param name="IsComplete">True once verification is possible.</param>
public sealed record VoiceprintState(string Engine, byte[] Data, int EnrollmentCount, bool IsComplete);
