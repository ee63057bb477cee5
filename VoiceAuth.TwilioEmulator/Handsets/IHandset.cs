using VoiceAuth.Emulator.Calls;

namespace VoiceAuth.Emulator.Handsets;

/// <summary>
/// The phone at the other end of an emulated call. The emulator drives it verb by verb; what the caller hears is
/// recorded by the emulator itself, so a handset only has to answer, listen, press keys and speak.
/// </summary>
internal interface IHandset
{
    /// <summary>
    /// True for a person at a screen (the softphone): the emulator really waits for pauses and measures the call's
    /// time with the wall clock. False for scripts: everything happens at once and time is simulated.
    /// </summary>
    bool IsRealTime { get; }

    /// <summary>The phone rings. <paramref name="ringing"/> is cancelled when the caller stops ringing (timeout, cancel).</summary>
    Task<HandsetAnswer> RingAsync(HandsetLine line, CancellationToken ringing);

    /// <summary>A prompt plays; false when the person hung up while it played.</summary>
    Task<bool> HearAsync(HandsetLine line, HeardPrompt prompt, CancellationToken call);

    Task<GatherOutcome> GatherAsync(HandsetLine line, GatherPrompt gather, CancellationToken call);

    Task<RecordOutcome> RecordAsync(HandsetLine line, RecordPrompt record, CancellationToken call);

    /// <summary>The call is over (any outcome, including never answered).</summary>
    void Ended(CallSnapshot call);
}

/// <summary>The call as the handset sees it, with a way to hang up at any moment.</summary>
internal sealed class HandsetLine(string callSid, string from, string to, Action hangUp)
{
    public string CallSid { get; } = callSid;

    public string From { get; } = from;

    public string To { get; } = to;

    public void HangUp() => hangUp();
}

internal enum AnswerKind
{
    Human,
    Machine,
    NoAnswer,
    Busy,
    Failed,
}

/// <param name="RingSeconds">Simulated ringing before the answer (ignored for real-time handsets).</param>
/// <param name="GreetingSeconds">A machine's greeting length, until its beep.</param>
internal sealed record HandsetAnswer(AnswerKind Kind, double RingSeconds = 3, double GreetingSeconds = 0);

internal sealed record HeardPrompt(string Verb, string Text, string? Voice, string? Language, double Seconds);

internal sealed record GatherPrompt(
    IReadOnlyList<HeardPrompt> Prompts, int? NumDigits, int TimeoutSeconds, string FinishOnKey, bool AcceptsDigits, bool AcceptsSpeech);

/// <param name="Digits">Keys pressed (without the finishing key); empty when nothing was pressed.</param>
/// <param name="Seconds">Time the person took (scripted handsets; real-time ones are measured).</param>
internal sealed record GatherOutcome(string Digits, string? Speech = null, double? Seconds = null, bool HungUp = false)
{
    public static GatherOutcome HangUp { get; } = new("", HungUp: true);
}

internal sealed record RecordPrompt(int MaxLengthSeconds, int TimeoutSeconds, string FinishOnKey, bool PlayBeep);

/// <param name="Wav">What the person said: a WAV file (any PCM rate or channels); null or empty for silence.</param>
/// <param name="FinishedOnKey">The key that ended the recording, if any.</param>
/// <param name="HungUp">The person hung up instead (the recording so far is still kept, as Twilio does).</param>
internal sealed record RecordOutcome(byte[]? Wav, string? FinishedOnKey = null, bool HungUp = false);
