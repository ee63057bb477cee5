using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>
/// <see cref="IVoiceBiometrics"/> on VoiceIt API 2: one remote user per voiceprint, three voice enrollments, then
/// verification. Decisions come from VoiceIt's <c>responseCode</c> alone (<see cref="VoiceItCodes"/>), never from
/// the HTTP status: a mismatch is FAIL with HTTP 200.
/// </summary>
internal sealed class VoiceItBiometrics(VoiceItApi api, IOptions<VoiceItOptions> options, ILogger<VoiceItBiometrics> logger)
    : IVoiceBiometrics
{
    /// <summary>VoiceIt refuses longer recordings with SRNR; the SDKs record 4.8 s.</summary>
    internal static readonly TimeSpan MaxRecordingDuration = TimeSpan.FromSeconds(5);

    public string Engine => VoiceItVoiceprint.Engine;

    public int RequiredEnrollments => VoiceItVoiceprint.RequiredEnrollments;

    public async Task<ProfileResult> CreateProfileAsync(CancellationToken cancellationToken)
    {
        var reply = await api.CreateUserAsync(cancellationToken);
        if (reply.IsSuccess && VoiceItVoiceprint.IsUserId(reply.Body?.UserId))
        {
            var voiceprint = new VoiceItVoiceprint(reply.Body!.UserId!, 0);
            Log("create user", voiceprint.UserId, VoiceItCodes.Success, BiometricDecision.Accepted, ReasonCode.Ok);
            return new ProfileResult(BiometricDecision.Accepted, ReasonCode.Ok, voiceprint.ToState());
        }

        // SUCC without a usable userId is an answer we cannot act on.
        var (decision, reason) = reply.IsSuccess ? (BiometricDecision.Error, ReasonCode.InternalError) : Decide("create user", null, reply);
        return new ProfileResult(decision, reason, null);
    }

    public async Task<EnrollmentResult> EnrollAsync(VoiceprintState voiceprint, AudioInput recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voiceprint);
        ArgumentNullException.ThrowIfNull(recording);

        if (Read(voiceprint) is not { } state)
        {
            return new EnrollmentResult(BiometricDecision.Error, Unreadable(voiceprint), voiceprint);
        }

        if (CheckRecording(recording) is { } refused)
        {
            Log("voice enrollment", state.UserId, "local check", BiometricDecision.Retry, refused);
            return new EnrollmentResult(BiometricDecision.Retry, refused, voiceprint);
        }

        var reply = await api.EnrollVoiceAsync(state.UserId, PhraseFor(recording), recording.Wav, cancellationToken);
        if (reply.IsSuccess)
        {
            Log("voice enrollment", state.UserId, VoiceItCodes.Success, BiometricDecision.Accepted, ReasonCode.Ok);
            return new EnrollmentResult(BiometricDecision.Accepted, ReasonCode.Ok, state.WithOneMoreEnrollment().ToState());
        }

        if (reply.MayHaveBeenProcessed && await StoredAnywayAsync(state, cancellationToken) is { } stored)
        {
            Log("voice enrollment", state.UserId, "reconciled: stored at VoiceIt", BiometricDecision.Accepted, ReasonCode.Ok);
            return new EnrollmentResult(BiometricDecision.Accepted, ReasonCode.Ok, stored.ToState());
        }

        var (decision, reason) = Decide("voice enrollment", state.UserId, reply);
        return new EnrollmentResult(decision, reason, voiceprint);
    }

    /// <summary>
    /// An upload that timed out (or whose connection dropped) may still have been stored: VoiceIt's list of the user's
    /// enrollments says. One more than we count means it was; the voiceprint then counts it, exactly once.
    /// </summary>
    private async Task<VoiceItVoiceprint?> StoredAnywayAsync(VoiceItVoiceprint state, CancellationToken cancellationToken)
    {
        var listed = await api.ListVoiceEnrollmentsAsync(state.UserId, cancellationToken);
        return listed.IsSuccess && listed.Body?.Count is { } count && count > state.Enrollments
            ? state.WithOneMoreEnrollment()
            : null;
    }

    public async Task<VerificationResult> VerifyAsync(VoiceprintState voiceprint, AudioInput recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voiceprint);
        ArgumentNullException.ThrowIfNull(recording);

        if (Read(voiceprint) is not { } state)
        {
            return new VerificationResult(BiometricDecision.Error, 0, Unreadable(voiceprint), null);
        }

        // VoiceIt would answer PNTE; asking costs a call and an upload of the caller's voice.
        if (state.Enrollments < RequiredEnrollments)
        {
            Log("voice verification", state.UserId, "local check", BiometricDecision.Error, ReasonCode.NotEnrolled);
            return new VerificationResult(BiometricDecision.Error, 0, ReasonCode.NotEnrolled, null);
        }

        if (CheckRecording(recording) is { } refused)
        {
            Log("voice verification", state.UserId, "local check", BiometricDecision.Retry, refused);
            return new VerificationResult(BiometricDecision.Retry, 0, refused, null);
        }

        var reply = await api.VerifyVoiceAsync(state.UserId, PhraseFor(recording), recording.Wav, cancellationToken);
        var (decision, reason) = Decide("voice verification", state.UserId, reply);
        // Only a biometric answer (SUCC or FAIL) carries a meaningful confidence.
        var score = decision is BiometricDecision.Accepted or BiometricDecision.Rejected && reply.Body?.Confidence is { } confidence
            ? (int)Math.Clamp(Math.Round(confidence, MidpointRounding.AwayFromZero), 0, 100)
            : 0;
        return new VerificationResult(decision, score, reason, null);
    }

    public async Task<DeletionResult> DeleteAsync(VoiceprintState voiceprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voiceprint);

        if (Read(voiceprint) is not { } state)
        {
            return new DeletionResult(BiometricDecision.Error, Unreadable(voiceprint));
        }

        var enrollments = await api.DeleteAllEnrollmentsAsync(state.UserId, cancellationToken);
        if (!enrollments.IsSuccess && !IsGone(enrollments))
        {
            return Failed("delete enrollments", state.UserId, enrollments);
        }

        // The user is gone already (deleted earlier, or by hand in the dashboard): that is what was asked.
        if (enrollments.Code == VoiceItCodes.UserNotFound)
        {
            Log("delete enrollments", state.UserId, "UNFD (user already gone)", BiometricDecision.Accepted, ReasonCode.Ok);
            return new DeletionResult(BiometricDecision.Accepted, ReasonCode.Ok);
        }

        var user = await api.DeleteUserAsync(state.UserId, cancellationToken);
        if (!user.IsSuccess && user.Code != VoiceItCodes.UserNotFound)
        {
            return Failed("delete user", state.UserId, user);
        }

        Log("delete user", state.UserId, user.Code ?? "", BiometricDecision.Accepted, ReasonCode.Ok);
        return new DeletionResult(BiometricDecision.Accepted, ReasonCode.Ok);
    }

    private DeletionResult Failed(string operation, string userId, VoiceItReply reply)
    {
        var (_, reason) = Decide(operation, userId, reply);
        return new DeletionResult(BiometricDecision.Error, reason == ReasonCode.Ok ? ReasonCode.InternalError : reason);
    }

    private static bool IsGone(VoiceItReply reply) =>
        reply.Outcome == VoiceItOutcome.Answered
        && reply.Code is VoiceItCodes.UserNotFound or VoiceItCodes.EnrollmentNotFound or VoiceItCodes.DataDoesNotExist;

    /// <summary>Refuses, before upload, what VoiceIt would refuse anyway or what we will not send.</summary>
    private ReasonCode? CheckRecording(AudioInput recording)
    {
        if (recording.Wav.IsEmpty)
        {
            return ReasonCode.Empty;
        }

        if (recording.Wav.Length > options.Value.MaxRecordingBytes)
        {
            return ReasonCode.TooLarge;
        }

        return WavDuration.TryRead(recording.Wav.Span) > MaxRecordingDuration ? ReasonCode.TooLong : null;
    }

    // The flow's phrase is what the person was asked to say; VoiceIt compares the speech with it.
    private string PhraseFor(AudioInput recording) =>
        string.IsNullOrWhiteSpace(recording.Phrase) ? options.Value.Phrase : recording.Phrase;

    private VoiceItVoiceprint? Read(VoiceprintState voiceprint)
    {
        var state = VoiceItVoiceprint.TryRead(voiceprint);
        if (state is null)
        {
            VoiceItLog.UnreadableVoiceprint(logger, voiceprint.Engine);
        }

        return state;
    }

    private ReasonCode Unreadable(VoiceprintState voiceprint) =>
        voiceprint.Engine == Engine ? ReasonCode.InternalError : ReasonCode.EngineMismatch;

    private (BiometricDecision Decision, ReasonCode Reason) Decide(string operation, string? userId, VoiceItReply reply)
    {
        var (decision, reason) = VoiceItCodes.Map(reply);
        var outcome = reply.Outcome switch
        {
            VoiceItOutcome.Answered => $"{reply.Code} ({VoiceItCodes.Describe(reply.Code).Meaning})",
            VoiceItOutcome.Unreadable => $"HTTP {reply.HttpStatus} without VoiceIt JSON",
            _ => $"unavailable after {reply.Attempts} attempts",
        };

        // Codes that only the operator can fix deserve a warning, not just a line among the decisions.
        if (reply.Outcome == VoiceItOutcome.Answered && reason is ReasonCode.Unauthorized or ReasonCode.LimitReached or ReasonCode.InternalError)
        {
            VoiceItLog.Misconfigured(logger, operation, reply.Code!, VoiceItCodes.Describe(reply.Code).Meaning);
        }

        Log(operation, userId, outcome, decision, reason);
        return (decision, reason);
    }

    private void Log(string operation, string? userId, string outcome, BiometricDecision decision, ReasonCode reason) =>
        VoiceItLog.Decided(logger, operation, VoiceItLog.UserRef(userId), outcome, decision, reason);
}
