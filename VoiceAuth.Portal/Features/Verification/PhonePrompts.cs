using VoiceAuth.Portal.Biometrics;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Everything the phone says. Short on purpose: each second of speech is a second of the caller's time (the
/// flow aims at under 15 s for a verification call and 45 s for an enrollment, plus about 3 s for keying the code).
/// </summary>
public static class PhonePrompts
{
    /// <param name="client">The application that asked for the call through the API, if any: it is named, so that a
    /// person who is not signing in there right now knows to hang up instead of approving someone else's sign-in.</param>
    /// <param name="forSignIn">The portal's own sign-in asked: said as plainly, for the same reason.</param>
    public static string Greeting(SessionPurpose purpose, string? client = null, bool forSignIn = false) => (purpose, client, forSignIn) switch
    {
        (SessionPurpose.Enroll, _, _) => "VoiceAuth voiceprint. Key the code on your screen.",
        (_, { } app, _) => $"VoiceAuth: sign-in to {Speakable(app)}. If that is you, {KeyTheCode}",
        (_, null, true) => $"VoiceAuth sign-in. If that is you, {KeyTheCode}",
        _ => "VoiceAuth. Key the code on your screen.",
    };

    /// <summary>
    /// The code is never said on the phone: keying what the asking page shows is what proves that whoever answered
    /// is the person at that page.
    /// </summary>
    public const string KeyTheCode = "key the code on your screen.";

    public const string WrongCodeAgain = "That is not the code on your screen. Try again.";

    public const string WrongCode = "That is not the code on your screen. Nothing was recorded. Goodbye.";

    /// <summary>Client names are identifiers ("shop-eu"); read them as words.</summary>
    private static string Speakable(string name) => name.Replace('-', ' ').Replace('_', ' ').Replace('.', ' ');

    public const string NoKey = "No code was keyed. Nothing was recorded. Goodbye.";

    public const string Declined = "Okay, nothing was recorded. Goodbye.";

    public static string SayPhrase(string phrase, SessionPurpose purpose, int step, int stepsNeeded) =>
        purpose == SessionPurpose.Enroll && stepsNeeded > 1
            ? $"{Ordinal(step, stepsNeeded)}After the beep, say: {phrase}."
            : $"Say: {phrase}.";

    public static string SayAgain(ReasonCode reason, string phrase) => $"{Explain(reason)} After the beep, say again: {phrase}.";

    public const string Checking = "Checking.";

    public const string NothingHeard = "I did not hear anything.";

    public const string Enrolled = "Your voiceprint is ready. Goodbye.";

    public const string Verified = "Verified. Goodbye.";

    public static string NotVerified(ReasonCode reason) => reason == ReasonCode.Locked
        ? "Too many failed attempts. Voice verification is locked for now. Goodbye."
        : $"{Explain(reason)} You are not verified. Goodbye.";

    public static string EnrollmentStopped(ReasonCode reason) => $"{Explain(reason)} Your enrollment is not finished. Please try again later. Goodbye.";

    public const string Unavailable = "Sorry, the voice service is not available right now. Nothing was decided. Please try again later. Goodbye.";

    public const string SessionOver = "This call is no longer valid. Goodbye.";

    private static string Ordinal(int step, int stepsNeeded) => step switch
    {
        1 => $"Say the passphrase {stepsNeeded} times. ",
        _ when step == stepsNeeded => "Last one. ",
        _ => "Again. ",
    };

    private static string Explain(ReasonCode reason) => reason switch
    {
        ReasonCode.Mismatch => "That did not match.",
        ReasonCode.Replay => "That sounded like a recording.",
        ReasonCode.WrongPhrase => "That was not the passphrase.",
        ReasonCode.InconsistentEnrollment => "That sounded different from before.",
        ReasonCode.TooShort or ReasonCode.NoSpeech or ReasonCode.Empty => "I did not hear enough.",
        ReasonCode.TooLong => "That was too long.",
        ReasonCode.TooQuiet => "That was too quiet. Please speak up.",
        ReasonCode.TooLoud => "That was too loud.",
        ReasonCode.TooNoisy => "There is too much noise. Find a quieter place.",
        _ => "That did not work.",
    };
}
