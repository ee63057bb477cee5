namespace VoiceAuth.Emulator.Calls;

/// <summary>A create-call request as accepted (validated) by the REST API.</summary>
internal sealed record CallRequest(
    string To,
    string From,
    string? Url,
    string Method,
    string? Twiml,
    string? StatusCallback,
    string StatusCallbackMethod,
    IReadOnlySet<string> StatusCallbackEvents,
    int TimeoutSeconds,
    string? MachineDetection,
    bool AsyncAmd,
    string? AsyncAmdStatusCallback,
    string AsyncAmdStatusCallbackMethod,
    int TimeLimitSeconds)
{
    public const int DefaultTimeout = 60;
    public const int DefaultTimeLimit = 4 * 60 * 60;

    /// <summary>Twilio sends only the requested events; with none requested, only <c>completed</c>.</summary>
    public bool Wants(string callbackEvent) => StatusCallback is not null && StatusCallbackEvents.Contains(callbackEvent);
}
