using VoiceAuth.Portal.Biometrics;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>What the page says about each step, in plain words (the phone says similar things: <see cref="PhonePrompts"/>).</summary>
public static class SessionText
{
    public static string Describe(SessionPurpose purpose, SessionState state, int step, int stepsNeeded, ReasonCode? reason) => state switch
    {
        SessionState.Created or SessionState.Calling => "Calling your phone…",
        SessionState.Ringing => "Your phone is ringing. Answer it.",
        SessionState.Answered => "Answered. Key the code shown here on the phone's keypad.",
        SessionState.Recording when reason is { } r && r != ReasonCode.Ok => $"{Explain(r)} Say the passphrase again ({Of(step, stepsNeeded, purpose)}).",
        SessionState.Recording => purpose == SessionPurpose.Enroll
            ? $"Recording {step} of {stepsNeeded}: say the passphrase after the beep."
            : "Say the passphrase after the beep.",
        SessionState.Checking => "Checking your voice…",
        SessionState.Passed => purpose == SessionPurpose.Enroll ? "Enrolled. Your voiceprint is ready." : "Passed. It is you.",
        SessionState.Failed => Failure(purpose, reason),
        SessionState.NoAnswer => "No answer. The phone rang but nobody picked up.",
        SessionState.Busy => "The line was busy. Try again when the phone is free.",
        SessionState.Voicemail => "Voicemail answered, so we hung up. Answer the call yourself to continue.",
        SessionState.Declined when reason == ReasonCode.WrongCode => Explain(ReasonCode.WrongCode),
        SessionState.Declined => "The call was declined on the phone.",
        SessionState.Canceled => "Canceled.",
        SessionState.Expired => "This session expired. Start again.",
        SessionState.Error => Error(reason),
        _ => state.ToString(),
    };

    /// <summary>Why a recording or an attempt did not work, for people.</summary>
    public static string Explain(ReasonCode reason) => reason switch
    {
        ReasonCode.Mismatch => "The voice did not match your voiceprint.",
        ReasonCode.Replay => "That sounded like a recording of an earlier call, not a live voice.",
        ReasonCode.WrongPhrase => "That was not the passphrase.",
        ReasonCode.InconsistentEnrollment => "That repetition sounded too different from the others.",
        ReasonCode.TooShort => "The recording was too short.",
        ReasonCode.TooLong => "The recording was too long.",
        ReasonCode.TooQuiet => "We could hardly hear you.",
        ReasonCode.TooLoud => "The recording was too loud or distorted.",
        ReasonCode.NoSpeech => "We did not hear any speech.",
        ReasonCode.TooNoisy => "There was too much background noise.",
        ReasonCode.Empty or ReasonCode.Malformed or ReasonCode.UnsupportedFormat or ReasonCode.TooLarge => "The recording could not be used.",
        ReasonCode.NotEnrolled or ReasonCode.ProfileNotFound => "There is no complete voiceprint to check against. Enroll first.",
        ReasonCode.EngineMismatch => "Your voiceprint was made by a different voice engine. Enroll again.",
        ReasonCode.ServiceUnavailable => "The voice engine could not be reached.",
        ReasonCode.Unauthorized or ReasonCode.LimitReached => "The voice engine refused the request.",
        ReasonCode.Locked => "Voice verification is locked after too many failed attempts.",
        ReasonCode.HungUp => "The call ended before it was finished.",
        ReasonCode.CallFailed => "The call could not be placed.",
        ReasonCode.InvalidNumber => "Your phone number cannot be called. Check it on your profile.",
        ReasonCode.RateLimited => "Too many calls in a short time.",
        ReasonCode.CallUnderWay => "A call to this person is already under way.",
        ReasonCode.EmailNotConfirmed => "The e-mail address of this account is not confirmed yet.",
        ReasonCode.WrongCode => "The code keyed on the phone was not the one shown here, so nothing was recorded.",
        ReasonCode.NumberNotConfirmed => "This phone number has not been confirmed yet. Confirm it with a call from My voiceprint.",
        _ => "Something went wrong.",
    };

    private static string Of(int step, int stepsNeeded, SessionPurpose purpose) =>
        purpose == SessionPurpose.Enroll ? $"recording {step} of {stepsNeeded}" : "one more try";

    private static string Failure(SessionPurpose purpose, ReasonCode? reason) => purpose == SessionPurpose.Enroll
        ? $"Enrollment did not finish. {(reason is { } r ? Explain(r) : "")}".TrimEnd()
        : $"Failed. {(reason is { } r2 ? Explain(r2) : "The voice did not match.")}";

    private static string Error(ReasonCode? reason) =>
        reason is { } r ? $"{Explain(r)} Nothing was decided; try again in a few minutes." : "Something went wrong. Nothing was decided; try again.";
}
