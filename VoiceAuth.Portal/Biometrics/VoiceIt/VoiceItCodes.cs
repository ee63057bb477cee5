using System.Collections.Frozen;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>What one VoiceIt <c>responseCode</c> means for us.</summary>
internal sealed record VoiceItCodeMeaning(BiometricDecision Decision, ReasonCode Reason, string Meaning);

/// <summary>
/// Every response code documented for API 2 voice calls, mapped onto the shared decisions and reasons
/// (docs/voiceit.md holds the same table for operators). Success is <c>SUCC</c> and only <c>SUCC</c>:
/// a mismatch comes back as FAIL with HTTP 200.
/// </summary>
internal static class VoiceItCodes
{
    public const string Success = "SUCC";
    public const string Fail = "FAIL";
    public const string UserNotFound = "UNFD";
    public const string EnrollmentNotFound = "ENFD";
    public const string DataDoesNotExist = "DDNE";
    public const string CallTimedOut = "ACTO";

    private static readonly VoiceItCodeMeaning Unknown = new(BiometricDecision.Error, ReasonCode.InternalError, "unknown response code");

    public static readonly FrozenDictionary<string, VoiceItCodeMeaning> Table = new Dictionary<string, VoiceItCodeMeaning>
    {
        [Success] = new(BiometricDecision.Accepted, ReasonCode.Ok, "success"),
        [Fail] = new(BiometricDecision.Rejected, ReasonCode.Mismatch, "voice did not match"),

        // The recording itself: ask the caller to say it again.
        ["SRNR"] = new(BiometricDecision.Retry, ReasonCode.TooLong, "recording longer than 5 s or otherwise out of spec"),
        ["SSTQ"] = new(BiometricDecision.Retry, ReasonCode.TooQuiet, "speaker too quiet"),
        ["SSTL"] = new(BiometricDecision.Retry, ReasonCode.TooLoud, "speaker too loud"),
        ["NEHSD"] = new(BiometricDecision.Retry, ReasonCode.NoSpeech, "not enough human speech"),
        ["NVDT"] = new(BiometricDecision.Retry, ReasonCode.NoSpeech, "no voice detected"),
        ["STTF"] = new(BiometricDecision.Retry, ReasonCode.WrongPhrase, "speech-to-text confidence too low"),
        ["PDNM"] = new(BiometricDecision.Retry, ReasonCode.WrongPhrase, "spoken phrase does not match"),
        ["NSPE"] = new(BiometricDecision.Retry, ReasonCode.InconsistentEnrollment, "not similar to previous enrollments"),
        ["SGTL"] = new(BiometricDecision.Retry, ReasonCode.TooNoisy, "signal quality too low"),
        ["IFAD"] = new(BiometricDecision.Retry, ReasonCode.Malformed, "incorrectly formatted audio"),
        ["EMPF"] = new(BiometricDecision.Retry, ReasonCode.Empty, "empty file"),

        // A recording heard before is an attack signal, not a quality problem.
        ["RWPU"] = new(BiometricDecision.Rejected, ReasonCode.Replay, "recording was used before"),

        // State of the remote user.
        ["PNTE"] = new(BiometricDecision.Error, ReasonCode.NotEnrolled, "fewer than three enrollments"),
        [UserNotFound] = new(BiometricDecision.Error, ReasonCode.ProfileNotFound, "user not found"),
        [EnrollmentNotFound] = new(BiometricDecision.Error, ReasonCode.NotEnrolled, "enrollment not found"),
        [DataDoesNotExist] = new(BiometricDecision.Error, ReasonCode.ProfileNotFound, "data does not exist"),

        // Our request or our configuration is wrong: nothing the caller on the phone can fix.
        ["MISP"] = new(BiometricDecision.Error, ReasonCode.InternalError, "missing parameters"),
        ["INCP"] = new(BiometricDecision.Error, ReasonCode.InternalError, "invalid contentLanguage (check Biometrics:VoiceIt:ContentLanguage)"),
        ["INPP"] = new(BiometricDecision.Error, ReasonCode.InternalError, "phrase not approved for the account (check Biometrics:VoiceIt:Phrase)"),
        ["GNFD"] = new(BiometricDecision.Error, ReasonCode.InternalError, "group not found"),
        ["GERR"] = new(BiometricDecision.Error, ReasonCode.InternalError, "general error"),

        // The account.
        ["UNAC"] = new(BiometricDecision.Error, ReasonCode.Unauthorized, "unauthorized (check the API key and token)"),
        ["DAID"] = new(BiometricDecision.Error, ReasonCode.Unauthorized, "developer account disabled"),
        ["ACLR"] = new(BiometricDecision.Error, ReasonCode.LimitReached, "API call limit reached"),
        [CallTimedOut] = new(BiometricDecision.Error, ReasonCode.ServiceUnavailable, "call timed out at VoiceIt"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The meaning of a code; unknown codes are an error, never an exception.</summary>
    public static VoiceItCodeMeaning Describe(string? code) =>
        code is not null && Table.TryGetValue(code, out var meaning) ? meaning : Unknown;

    /// <summary>The decision and reason for a finished call.</summary>
    public static (BiometricDecision Decision, ReasonCode Reason) Map(VoiceItReply reply)
    {
        switch (reply.Outcome)
        {
            case VoiceItOutcome.Unavailable:
                return (BiometricDecision.Error, ReasonCode.ServiceUnavailable);
            case VoiceItOutcome.Unreadable:
                // Without VoiceIt's JSON only the status says anything (a gateway refusing the credentials, say).
                return reply.HttpStatus switch
                {
                    401 or 403 => (BiometricDecision.Error, ReasonCode.Unauthorized),
                    429 => (BiometricDecision.Error, ReasonCode.LimitReached),
                    _ => (BiometricDecision.Error, ReasonCode.InternalError),
                };
            default:
                var meaning = Describe(reply.Code);
                return (meaning.Decision, meaning.Reason);
        }
    }
}
