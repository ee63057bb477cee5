using System.Collections.Concurrent;
using VoiceAuth.Portal.Biometrics;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>
/// An engine double that answers from a script (per recording content), for testing the phone flow's logic
/// apart from the biometrics. The recording's first byte picks the answer from <see cref="Answers"/>.
/// </summary>
public sealed class ScriptedEngine : IVoiceBiometrics
{
    public ConcurrentDictionary<byte, (BiometricDecision Decision, ReasonCode Reason, int Score)> Answers { get; } = new();

    private int calls;

    public int Calls => calls;

    public string Engine => "local";

    public int RequiredEnrollments => 3;

    public Task<ProfileResult> CreateProfileAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ProfileResult(BiometricDecision.Accepted, ReasonCode.Ok, new VoiceprintState(Engine, [0], 0, false)));

    public Task<EnrollmentResult> EnrollAsync(VoiceprintState voiceprint, AudioInput recording, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        var (decision, reason, _) = Answer(recording);
        var count = voiceprint.EnrollmentCount + (decision == BiometricDecision.Accepted ? 1 : 0);
        return Task.FromResult(new EnrollmentResult(decision, reason, voiceprint with { EnrollmentCount = count, IsComplete = count >= 3, Data = [(byte)count] }));
    }

    public Task<VerificationResult> VerifyAsync(VoiceprintState voiceprint, AudioInput recording, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        var (decision, reason, score) = Answer(recording);
        return Task.FromResult(new VerificationResult(decision, score, reason, null));
    }

    public Task<DeletionResult> DeleteAsync(VoiceprintState voiceprint, CancellationToken cancellationToken) =>
        Task.FromResult(new DeletionResult(BiometricDecision.Accepted, ReasonCode.Ok));

    private (BiometricDecision, ReasonCode, int) Answer(AudioInput recording) =>
        Answers.TryGetValue(recording.Wav.Span[0], out var answer) ? answer : (BiometricDecision.Accepted, ReasonCode.Ok, 90);
}
