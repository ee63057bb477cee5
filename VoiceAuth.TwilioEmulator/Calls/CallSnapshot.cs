using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Emulator.Calls;

/// <summary>A problem Twilio would show in its debugger, e.g. 11200 (webhook failed) or 12100 (not TwiML).</summary>
internal sealed record EmulatorError(int Code, string Message, string? Url);

/// <summary>
/// One call as the emulator saw it: outcome, what the caller heard and did, and its simulated duration.
/// </summary>
/// <param name="Said">The text of every &lt;Say&gt; the caller heard, in order.</param>
/// <param name="Heard">Every prompt heard (&lt;Say&gt; and &lt;Play&gt;), in order.</param>
/// <param name="Log">One line per step, for people reading a failing test.</param>
/// <param name="RingSeconds">Simulated seconds from dialling to answer (or to giving up).</param>
/// <param name="TalkSeconds">Simulated seconds from answer to hang-up (Twilio's CallDuration, unrounded), excluding webhook waits.</param>
/// <param name="WebhookSeconds">Real seconds the caller waited for the portal's TwiML answers.</param>
internal sealed record CallSnapshot(
    string Sid,
    string To,
    string From,
    string Status,
    string? AnsweredBy,
    CallEndReason EndReason,
    IReadOnlyList<string> Said,
    IReadOnlyList<HeardPrompt> Heard,
    IReadOnlyList<string> Log,
    IReadOnlyList<EmulatorError> Errors,
    IReadOnlyList<string> RecordingSids,
    double RingSeconds,
    double TalkSeconds,
    double WebhookSeconds,
    DateTimeOffset CreatedAt)
{
    public bool IsFinished => CallStatus.IsFinal(Status);

    /// <summary>Seconds the phone was busy with this call: ringing plus talking.</summary>
    public double SecondsOnPhone => RingSeconds + TalkSeconds;
}
