using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Emulator.Softphone;

internal enum SoftphoneState { Idle, Ringing, Connected, Ended }

internal enum SoftphoneActivity { None, Listening, Gathering, Recording }

/// <summary>A prompt waiting to be spoken by the browser; the emulator waits until it has been.</summary>
internal sealed class SpokenPrompt(HeardPrompt prompt)
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeardPrompt Prompt { get; } = prompt;

    public Task Done => done.Task;

    public void Finish() => done.TrySetResult();
}

/// <summary>
/// The softphone page's handset: a person in real time. The emulator's calls wait for what the page reports
/// (answer, keys, a recording); the page learns of every change through <see cref="Changed"/>. One call at a time.
/// </summary>
internal sealed partial class SoftphoneSession : IHandset, IDisposable
{
    private readonly Lock gate = new();
    private readonly List<HeardPrompt> transcript = [];
    private readonly Queue<SpokenPrompt> toSpeak = new();
    private HandsetLine? line;
    private TaskCompletionSource<HandsetAnswer>? answer;

    /// <summary>Raised on any change, on the emulator's threads: handlers marshal to the renderer themselves.</summary>
    public event Action? Changed;

    public bool IsRealTime => true;

    public SoftphoneState State { get; private set; }

    public SoftphoneActivity Activity { get; private set; }

    /// <summary>The number calling, e.g. the emulator's +15005550006.</summary>
    public string? Caller => line?.From;

    public string? EndMessage { get; private set; }

    public RecordPrompt? CurrentRecord { get; private set; }

    public IReadOnlyList<HeardPrompt> Transcript
    {
        get { lock (gate) { return [.. transcript]; } }
    }

    public Task<HandsetAnswer> RingAsync(HandsetLine incoming, CancellationToken ringing)
    {
        TaskCompletionSource<HandsetAnswer> pending = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (State is SoftphoneState.Ringing or SoftphoneState.Connected)
            {
                return Task.FromResult(new HandsetAnswer(AnswerKind.Busy)); // already on a call
            }

            line = incoming;
            answer = pending;
            transcript.Clear();
            State = SoftphoneState.Ringing;
            EndMessage = null;
        }

        ringing.Register(() => pending.TrySetResult(new(AnswerKind.NoAnswer)));
        Notify();
        return pending.Task;
    }

    /// <summary>The person picks up.</summary>
    public void Answer() => Pick(AnswerKind.Human, SoftphoneState.Connected);

    /// <summary>The person rejects the call; the caller sees it as busy, as with a real phone.</summary>
    public void Decline() => Pick(AnswerKind.Busy, SoftphoneState.Ended, "You declined the call.");

    public async Task<bool> HearAsync(HandsetLine current, HeardPrompt prompt, CancellationToken call)
    {
        var spoken = Enqueue(SoftphoneActivity.Listening, [prompt]);
        await WaitSpokenAsync(spoken[0], prompt.Seconds, call);
        return State == SoftphoneState.Connected;
    }

    /// <summary>The person hangs up (any moment: ringing counts as declining).</summary>
    public void HangUp()
    {
        if (State == SoftphoneState.Ringing)
        {
            Decline();
            return;
        }

        HandsetLine? current;
        lock (gate) { current = line; }
        SubmitRecording(null, hungUp: true);
        CancelGather();
        current?.HangUp();
    }

    public void Ended(CallSnapshot call)
    {
        lock (gate)
        {
            if (line?.CallSid != call.Sid)
            {
                return; // a call turned away as busy while this one was on, or one already over
            }

            State = SoftphoneState.Ended;
            Activity = SoftphoneActivity.None;
            EndMessage ??= call.Status switch
            {
                CallStatus.NoAnswer => "Missed call.",
                CallStatus.Canceled => "The caller hung up before you answered.",
                _ when call.EndReason == CallEndReason.ApplicationError => "The call failed: VoiceAuth had an application error.",
                _ => "Call ended.",
            };
            while (toSpeak.TryDequeue(out var pending)) { pending.Finish(); }
            line = null;
            recording = null;
            CurrentRecord = null;
        }

        Notify();
    }

    /// <summary>The next prompt to speak, or null. The page speaks them in order and calls <see cref="SpokenPrompt.Finish"/>.</summary>
    public SpokenPrompt? NextToSpeak()
    {
        lock (gate) { return toSpeak.TryDequeue(out var next) ? next : null; }
    }

    public void Dispose()
    {
        // The page closed mid-call: to the caller that is a hang-up.
        if (State is SoftphoneState.Ringing or SoftphoneState.Connected)
        {
            HangUp();
        }

        Changed = null;
    }

    private void Pick(AnswerKind kind, SoftphoneState next, string? message = null)
    {
        TaskCompletionSource<HandsetAnswer>? pending;
        lock (gate)
        {
            if (State != SoftphoneState.Ringing)
            {
                return;
            }

            pending = answer;
            State = next;
            EndMessage = message;
        }

        pending?.TrySetResult(new(kind));
        Notify();
    }

    private List<SpokenPrompt> Enqueue(SoftphoneActivity activity, IEnumerable<HeardPrompt> prompts)
    {
        List<SpokenPrompt> spoken = [.. prompts.Select(p => new SpokenPrompt(p))];
        lock (gate)
        {
            Activity = activity;
            foreach (var item in spoken)
            {
                transcript.Add(item.Prompt);
                toSpeak.Enqueue(item);
            }
        }

        Notify();
        return spoken;
    }

    // Browsers without speech (or a muted tab) never report the end: give up a little after the spoken length.
    private static async Task WaitSpokenAsync(SpokenPrompt spoken, double seconds, CancellationToken call)
    {
        try
        {
            await spoken.Done.WaitAsync(TimeSpan.FromSeconds((seconds * 1.5) + 3), call);
        }
        catch (TimeoutException)
        {
        }
    }

    private void Notify() => Changed?.Invoke();
}
