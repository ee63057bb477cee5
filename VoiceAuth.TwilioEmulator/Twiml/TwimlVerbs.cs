namespace VoiceAuth.Emulator.Twiml;

/// <summary>The TwiML voice verbs the emulator executes; attribute defaults are Twilio's.</summary>
internal abstract record TwimlVerb;

internal sealed record SayVerb(string Text, string? Voice, string? Language, int Loop) : TwimlVerb;

internal sealed record PlayVerb(string Url, int Loop) : TwimlVerb;

internal sealed record PauseVerb(int Length) : TwimlVerb;

internal sealed record GatherVerb(
    string? Action,
    string Method,
    bool AcceptsDigits,
    bool AcceptsSpeech,
    int? NumDigits,
    int Timeout,
    string FinishOnKey,
    bool ActionOnEmptyResult,
    IReadOnlyList<TwimlVerb> Prompts) : TwimlVerb;

internal sealed record RecordVerb(
    string? Action,
    string Method,
    int MaxLength,
    int Timeout,
    string FinishOnKey,
    bool PlayBeep,
    bool TrimSilence,
    string? RecordingStatusCallback,
    string RecordingStatusCallbackMethod) : TwimlVerb;

internal sealed record RedirectVerb(string Url, string Method) : TwimlVerb;

internal sealed record HangupVerb : TwimlVerb;

internal sealed record RejectVerb : TwimlVerb;

/// <summary>A document Twilio would refuse (error 12100 / 12200): the caller hears the application error.</summary>
internal sealed class TwimlException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
