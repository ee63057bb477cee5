using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Emulator.Calls;

/// <summary>
/// A call's state. Only its own runner changes it while it runs; the REST API reads it and may ask it to stop,
/// so the few shared fields sit behind a lock that belongs to this call alone.
/// </summary>
internal sealed class EmulatedCall(string sid, string accountSid, CallRequest request, DateTimeOffset createdAt) : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<string> said = [];
    private readonly List<HeardPrompt> heard = [];
    private readonly List<string> log = [];
    private readonly List<EmulatorError> errors = [];
    private readonly List<string> recordings = [];
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource<CallSnapshot> finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string status = CallStatus.Queued;
    private double ringSeconds;
    private double talkSeconds;
    private double webhookSeconds;

    public string Sid { get; } = sid;

    public string AccountSid { get; } = accountSid;

    public CallRequest Request { get; } = request;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string? AnsweredBy { get; set; }

    public DateTimeOffset? AnsweredAt => Answered ? CreatedAt.AddSeconds(ringSeconds) : null;

    public bool Answered { get; private set; }

    public CallEndReason EndReason { get; private set; }

    /// <summary>Cancelled when the call must stop at once: API hang-up or cancel, time limit, emulator shutdown.</summary>
    public CancellationToken Stopping => stop.Token;

    public Task<CallSnapshot> Finished => finished.Task;

    public string Status
    {
        get { lock (gate) { return status; } }
    }

    /// <summary>Simulated time since the call was created.</summary>
    public double Elapsed
    {
        get { lock (gate) { return ringSeconds + talkSeconds; } }
    }

    public double TalkSeconds
    {
        get { lock (gate) { return talkSeconds; } }
    }

    public DateTimeOffset Now => CreatedAt.AddSeconds(Elapsed);

    /// <summary>
    /// Time spent waiting for the portal's webhooks. Kept apart from the simulated clock, which stays deterministic
    /// (a cold JIT or a busy test machine must not change a call's simulated length).
    /// </summary>
    public void AddWebhookTime(double seconds)
    {
        lock (gate) { webhookSeconds += seconds; }
    }

    public void SetStatus(string value)
    {
        lock (gate) { status = value; }
    }

    public void MarkAnswered()
    {
        lock (gate) { Answered = true; status = CallStatus.InProgress; }
    }

    /// <summary>Advances the call's simulated clock: ringing before the answer, talking after.</summary>
    public void Advance(double seconds)
    {
        lock (gate)
        {
            if (Answered) { talkSeconds += seconds; } else { ringSeconds += seconds; }
        }
    }

    /// <summary>Asks the runner to stop; false if the call is already over or another stop came first.</summary>
    public bool RequestStop(CallEndReason reason)
    {
        lock (gate)
        {
            if (CallStatus.IsFinal(status) || EndReason != CallEndReason.None)
            {
                return false;
            }

            EndReason = reason;
        }

        stop.Cancel();
        return true;
    }

    /// <summary>Records why the call ends unless something (e.g. the API) already did.</summary>
    public void SetEndReason(CallEndReason reason)
    {
        lock (gate)
        {
            if (EndReason == CallEndReason.None) { EndReason = reason; }
        }
    }

    public void Hear(HeardPrompt prompt)
    {
        lock (gate)
        {
            heard.Add(prompt);
            if (prompt.Verb == "Say") { said.Add(prompt.Text); }
            log.Add($"{prompt.Verb}: {prompt.Text}");
        }
    }

    public void Note(string line)
    {
        lock (gate) { log.Add(line); }
    }

    public void AddError(EmulatorError error)
    {
        lock (gate) { errors.Add(error); log.Add($"error {error.Code}: {error.Message}"); }
    }

    public void AddRecording(string recordingSid)
    {
        lock (gate) { recordings.Add(recordingSid); }
    }

    public CallSnapshot Snapshot()
    {
        lock (gate)
        {
            return new(Sid, Request.To, Request.From, status, AnsweredBy, EndReason, [.. said], [.. heard], [.. log],
                [.. errors], [.. recordings], ringSeconds, talkSeconds, webhookSeconds, CreatedAt);
        }
    }

    /// <summary>Releases the stop signal once nothing can ask for a stop any more (the call is forgotten).</summary>
    public void Dispose() => stop.Dispose();

    /// <summary>Ends the call: <paramref name="beforePublishing"/> (the handset) learns of it before any waiter does.</summary>
    public CallSnapshot Finish(string finalStatus, Action<CallSnapshot> beforePublishing)
    {
        SetStatus(finalStatus);
        var snapshot = Snapshot();
        beforePublishing(snapshot);
        finished.TrySetResult(snapshot);
        return snapshot;
    }
}
