namespace VoiceAuth.Portal.Biometrics;

/// <summary>
/// Why an engine decided what it did. Shared by every engine so the phone flow and the page can explain it
/// in plain words (VoiceIt's codes map onto these, e.g. SSTQ → <see cref="TooQuiet"/>, RWPU → <see cref="Replay"/>).
/// </summary>
public enum ReasonCode
{
    Ok,
    // The voice itself
    Mismatch,
    Replay,
    WrongPhrase,
    InconsistentEnrollment,
    // Recording quality (ask again)
    TooShort,
    TooLong,
    TooQuiet,
    TooLoud,
    NoSpeech,
    TooNoisy,
    // The file
    Empty,
    Malformed,
    UnsupportedFormat,
    TooLarge,
    // State
    NotEnrolled,
    ProfileNotFound,
    EngineMismatch,
    // The service
    ServiceUnavailable,
    Unauthorized,
    LimitReached,
    InternalError,
    // The call (set by the phone flow, never by an engine)
    Locked,
    HungUp,
    CallFailed,
    InvalidNumber,
    RateLimited,
    /// <summary>Someone else (the portal, or another app) already has a call to this person under way.</summary>
    CallUnderWay,
    /// <summary>The account's e-mail address is not confirmed: nobody may be called or verified for it yet.</summary>
    EmailNotConfirmed,
    /// <summary>The caller did not key the code the page showed: nothing was recorded.</summary>
    WrongCode,
    /// <summary>Sign-in and API calls go only to numbers proven by a call from the voiceprint page.</summary>
    NumberNotConfirmed,
}
