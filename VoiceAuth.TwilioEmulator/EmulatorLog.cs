
namespace VoiceAuth.Emulator;

/// <summary>
/// The emulator's log lines. Phone numbers appear masked (country code and last two digits), URLs without their
/// query; audio and tokens never appear.
/// </summary>
internal sealed partial class EmulatorLog(ILogger<TwilioEmulator> logger)
{
    public void CallCreated(string callSid, string to) => CallCreatedCore(callSid, PhoneDisplay.Mask(to));

    public void CallEnded(string callSid, string status, double talkSeconds) => CallEndedCore(callSid, status, talkSeconds);

    public void WebhookFailed(string callSid, int code, string url, string detail) =>
        WebhookFailedCore(callSid, code, WithoutQuery(url), detail);

    public void RunnerCrashed(string callSid, Exception exception) => RunnerCrashedCore(callSid, exception);

    public void Started(string mode, string accountSid, int numbers) => StartedCore(mode, accountSid, numbers);

    private static string WithoutQuery(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(relative URL)";

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Emulated call {CallSid} placed to {To}")]
    private partial void CallCreatedCore(string callSid, string to);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Emulated call {CallSid} ended {Status} after {TalkSeconds:0.0} simulated seconds")]
    private partial void CallEndedCore(string callSid, string status, double talkSeconds);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Emulated call {CallSid}: Twilio error {Code} from {Url}: {Detail}")]
    private partial void WebhookFailedCore(string callSid, int code, string url, string detail);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Emulated call {CallSid} failed inside the emulator")]
    private partial void RunnerCrashedCore(string callSid, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Twilio emulator running ({Mode}) for account {AccountSid} with {Numbers} number(s); calls are emulated, no phone rings")]
    private partial void StartedCore(string mode, string accountSid, int numbers);
}
