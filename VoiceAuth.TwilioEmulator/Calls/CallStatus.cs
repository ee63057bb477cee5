namespace VoiceAuth.Emulator.Calls;

/// <summary>Twilio's <c>CallStatus</c> values.</summary>
internal static class CallStatus
{
    public const string Queued = "queued";
    public const string Initiated = "initiated";
    public const string Ringing = "ringing";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Busy = "busy";
    public const string NoAnswer = "no-answer";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static bool IsFinal(string status) => status is Completed or Busy or NoAnswer or Failed or Canceled;
}

/// <summary>Why an answered call ended.</summary>
internal enum CallEndReason
{
    None,
    Canceled,
    DocumentEnded,
    HangupVerb,
    CallerHungUp,
    ApiHungUp,
    ApplicationError,
    TimeLimit,
    EmulatorStopped,
}
