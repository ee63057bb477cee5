using System.Collections.Concurrent;
using System.Threading.Channels;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Emulator.Testing;

/// <summary>
/// A phone that follows a script, in simulated time (nothing sleeps): how it answers, the keys pressed at each
/// &lt;Gather&gt; and the audio spoken at each &lt;Record&gt;, taken from queues in order, and when to hang up.
/// An empty queue means silence: the Gather times out, the Record hears nothing.
/// </summary>
internal sealed class ScriptedHandset : IHandset
{
    private readonly ConcurrentQueue<(GatherOutcome Fixed, Func<string, string>? ForCall)> inputs = new();
    private readonly ConcurrentQueue<byte[]> speech = new();
    private readonly ConcurrentDictionary<string, int> verbCounts = new(StringComparer.Ordinal);
    private readonly Channel<CallSnapshot> ended = Channel.CreateBounded<CallSnapshot>(
        new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Human (default), Machine (voicemail), NoAnswer (rings until the call's Timeout), Busy or Failed.</summary>
    public AnswerKind Answer { get; init; } = AnswerKind.Human;

    public double RingSeconds { get; init; } = 3;

    /// <summary>A voicemail greeting's length, until the beep (what DetectMessageEnd waits for).</summary>
    public double GreetingSeconds { get; init; } = 6;

    /// <summary>Time to find the first key after the prompt, then per key.</summary>
    public double ReactionSeconds { get; init; } = 1;

    public double SecondsPerKey { get; init; } = 0.4;

    /// <summary>At the n-th &lt;Record&gt; (1-based) the caller speaks, then hangs up instead of falling silent.</summary>
    public int? HangUpDuringRecord { get; init; }

    /// <summary>Hang up as soon as this verb (Say, Play, Gather, Record) starts, at <see cref="HangUpAtOccurrence"/>.</summary>
    public string? HangUpAtVerb { get; init; }

    public int HangUpAtOccurrence { get; init; } = 1;

    public bool IsRealTime => false;

    /// <summary>The last call that ended on this handset.</summary>
    public CallSnapshot? LastCall { get; private set; }

    public ScriptedHandset PressDigits(string digits)
    {
        inputs.Enqueue((new(digits), null));
        return this;
    }

    /// <summary>At the next Gather, keys what <paramref name="digitsForCall"/> gives for the call's sid — e.g. the code the asking page shows.</summary>
    public ScriptedHandset PressDigits(Func<string, string> digitsForCall)
    {
        inputs.Enqueue((new(""), digitsForCall));
        return this;
    }

    public ScriptedHandset SaySpeech(string text)
    {
        inputs.Enqueue((new("", Speech: text), null));
        return this;
    }

    /// <summary>One Gather with no input at all (a timeout).</summary>
    public ScriptedHandset StaySilentAtGather()
    {
        inputs.Enqueue((new(""), null));
        return this;
    }

    /// <summary>A WAV file to speak at the next Record (empty = silence).</summary>
    public ScriptedHandset Speak(byte[] wav)
    {
        speech.Enqueue(wav);
        return this;
    }

    /// <summary>Waits for the next call on this handset to end (including calls that ended before the wait began).</summary>
    public async Task<CallSnapshot> WaitForCallEndAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await ended.Reader.ReadAsync(cancel.Token);
    }

    public Task<HandsetAnswer> RingAsync(HandsetLine line, CancellationToken ringing) =>
        Task.FromResult(new HandsetAnswer(Answer, RingSeconds, GreetingSeconds));

    public Task<bool> HearAsync(HandsetLine line, HeardPrompt prompt, CancellationToken call) =>
        Task.FromResult(!HangsUpAt(line, prompt.Verb));

    public Task<GatherOutcome> GatherAsync(HandsetLine line, GatherPrompt gather, CancellationToken call)
    {
        if (HangsUpAt(line, "Gather"))
        {
            return Task.FromResult(GatherOutcome.HangUp);
        }

        var input = Answer == AnswerKind.Machine || !inputs.TryDequeue(out var next) ? null
            : next.ForCall is { } forCall ? new GatherOutcome(forCall(line.CallSid)) : next.Fixed;
        if (input is null or { Digits: "", Speech: null })
        {
            return Task.FromResult(new GatherOutcome("", Seconds: gather.TimeoutSeconds));
        }

        var keys = input.Digits;
        var finished = gather.NumDigits is { } n && keys.Length >= n || keys.Length > 0 && gather.FinishOnKey.Contains(keys[^1], StringComparison.Ordinal);
        var seconds = ReactionSeconds + (SecondsPerKey * keys.Length) + (finished || input.Speech is not null ? 0 : gather.TimeoutSeconds);
        return Task.FromResult(input with { Seconds = seconds });
    }

    public Task<RecordOutcome> RecordAsync(HandsetLine line, RecordPrompt record, CancellationToken call)
    {
        if (HangsUpAt(line, "Record"))
        {
            return Task.FromResult(new RecordOutcome(null, HungUp: true));
        }

        var wav = Answer == AnswerKind.Machine ? null : speech.TryDequeue(out var next) ? next : null;
        var hangUp = HangUpDuringRecord is { } n && Count(line, "Record#") == n;
        return Task.FromResult(new RecordOutcome(wav, HungUp: hangUp));
    }

    public void Ended(CallSnapshot call)
    {
        LastCall = call;
        foreach (var key in verbCounts.Keys.Where(k => k.StartsWith(call.Sid, StringComparison.Ordinal)))
        {
            verbCounts.TryRemove(key, out _);
        }

        ended.Writer.TryWrite(call);
    }

    private bool HangsUpAt(HandsetLine line, string verb)
    {
        var occurrence = Count(line, verb);
        return string.Equals(verb, HangUpAtVerb, StringComparison.OrdinalIgnoreCase) && occurrence == HangUpAtOccurrence;
    }

    // Counted per call: a handset may take several calls, and each counts from one.
    private int Count(HandsetLine line, string verb) => verbCounts.AddOrUpdate(line.CallSid + verb, 1, (_, c) => c + 1);
}
