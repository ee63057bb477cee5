namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>
/// The provider's log lines. Templates carry operation names, codes and VoiceIt's apiCallId (which support asks
/// for) but never keys, tokens, audio or a whole userId (<see cref="UserRef"/> keeps its last four characters).
/// </summary>
internal static partial class VoiceItLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug,
        Message = "VoiceIt {Operation} answered {ResponseCode} (HTTP {Status}) on attempt {Attempt}, apiCallId {ApiCallId}")]
    public static partial void Answered(ILogger logger, string operation, string responseCode, int status, int attempt, string? apiCallId);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "VoiceIt {Operation} attempt {Attempt} failed: {Failure}; retrying in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string failure, double delayMs);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "VoiceIt {Operation} gave up after {Attempts} attempts: {Failure}")]
    public static partial void GaveUp(ILogger logger, string operation, int attempts, string failure);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information,
        Message = "VoiceIt {Operation} for {UserRef}: {Outcome} → {Decision}/{Reason}")]
    public static partial void Decided(ILogger logger, string operation, string userRef, string outcome, BiometricDecision decision, ReasonCode reason);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning,
        Message = "VoiceIt {Operation} refused: {ResponseCode} ({Meaning}); check the account and the Biometrics:VoiceIt settings")]
    public static partial void Misconfigured(ILogger logger, string operation, string responseCode, string meaning);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning,
        Message = "A voiceprint handed to the VoiceIt provider could not be read (engine {Engine})")]
    public static partial void UnreadableVoiceprint(ILogger logger, string engine);

    /// <summary>Enough of a userId to correlate log lines, not enough to address the user at VoiceIt.</summary>
    public static string UserRef(string? userId) =>
        userId is { Length: > 8 } ? $"usr_…{userId[^4..]}" : "usr_…";
}
