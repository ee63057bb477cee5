using System.Diagnostics;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Twiml;

namespace VoiceAuth.Emulator.Calls;

/// <summary>
/// Runs one outbound call as Twilio does: initiated → ringing → answered (with machine detection) → the TwiML
/// conversation → completed, or busy / no-answer / failed / canceled; status callbacks at each step.
/// </summary>
internal sealed class CallRunner(EmulatedCall call, CallServices services)
{
    private readonly StatusCallbackSender callbacks = new(call, services);

    public async Task<CallSnapshot> RunAsync()
    {
        IHandset? handset = null;
        var line = new HandsetLine(call.Sid, call.Request.From, call.Request.To, () => call.RequestStop(CallEndReason.CallerHungUp));
        var final = CallStatus.Failed;
        try
        {
            await callbacks.SendAsync("initiated", CallStatus.Initiated);
            call.SetStatus(CallStatus.Ringing);
            await callbacks.SendAsync("ringing", CallStatus.Ringing);
            (handset, var answer) = await RingAsync(line);
            final = answer.Kind switch
            {
                _ when call.EndReason is CallEndReason.Canceled or CallEndReason.EmulatorStopped => CallStatus.Canceled,
                AnswerKind.Busy => CallStatus.Busy,
                AnswerKind.Failed => CallStatus.Failed,
                AnswerKind.NoAnswer => CallStatus.NoAnswer,
                _ => CallStatus.InProgress,
            };

            if (final == CallStatus.InProgress)
            {
                await TalkAsync(handset!, line, answer);
                final = CallStatus.Completed;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            services.Log.RunnerCrashed(call.Sid, e);
            call.AddError(new(0, $"Emulator failure: {e.GetType().Name}", null));
            final = call.Answered ? CallStatus.Completed : CallStatus.Failed;
        }

        call.SetStatus(final);
        await callbacks.SendAsync("completed", final);
        await callbacks.FlushAsync();
        var snapshot = call.Finish(final, ended => handset?.Ended(ended));
        services.Log.CallEnded(call.Sid, final, snapshot.TalkSeconds);
        return snapshot;
    }

    private async Task<(IHandset? Handset, HandsetAnswer Answer)> RingAsync(HandsetLine line)
    {
        var timeout = call.Request.TimeoutSeconds;
        var started = Stopwatch.GetTimestamp();
        using var ringing = CancellationTokenSource.CreateLinkedTokenSource(call.Stopping);
        ringing.CancelAfter(TimeSpan.FromSeconds(timeout));

        // Nobody's phone is on that number yet: ring for real, in case someone opens the softphone meanwhile.
        var handset = services.Handsets.Find(call.Request.To) ?? await services.Handsets.WaitForAsync(call.Request.To, ringing.Token);
        if (handset is null)
        {
            call.Advance(call.EndReason == CallEndReason.Canceled ? Stopwatch.GetElapsedTime(started).TotalSeconds : timeout);
            return (null, new(AnswerKind.NoAnswer));
        }

        HandsetAnswer answer;
        while (true)
        {
            // A person's phone (the softphone) rings until a newer one is opened on the same number: a tab closed
            // without hanging up stays registered until its page is torn down, and the new tab must get the call.
            using var thisPhone = CancellationTokenSource.CreateLinkedTokenSource(handset.IsRealTime ? ringing.Token : call.Stopping);
            var ring = handset.RingAsync(line, thisPhone.Token);
            var replaced = handset.IsRealTime ? services.Handsets.WaitForOtherAsync(call.Request.To, handset, thisPhone.Token) : null;
            if (replaced is not null && await Task.WhenAny(ring, replaced) == replaced && !ring.IsCompleted && await replaced is { } newer)
            {
                await thisPhone.CancelAsync(); // the old phone stops ringing; what it makes of that is its own affair
                _ = ring.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                handset = newer;
                continue;
            }

            await thisPhone.CancelAsync(); // stops watching for a newer phone
            try
            {
                answer = await ring;
            }
            catch (OperationCanceledException)
            {
                answer = new(AnswerKind.NoAnswer);
            }

            break;
        }

        if (handset.IsRealTime)
        {
            call.Advance(answer.Kind == AnswerKind.NoAnswer ? timeout : Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        else if (answer.Kind is AnswerKind.Human or AnswerKind.Machine && answer.RingSeconds >= timeout)
        {
            answer = new(AnswerKind.NoAnswer); // it would have answered, but after the caller gave up
            call.Advance(timeout);
        }
        else
        {
            call.Advance(answer.Kind == AnswerKind.NoAnswer ? timeout : answer.RingSeconds);
        }

        return (handset, answer);
    }

    private async Task TalkAsync(IHandset handset, HandsetLine line, HandsetAnswer answer)
    {
        call.MarkAnswered();
        var (answeredBy, detectionSeconds) = Detect(answer);
        call.AnsweredBy = answeredBy;
        Task? asyncAmd = null;
        if (answeredBy is not null && call.Request.AsyncAmd)
        {
            asyncAmd = PostAsyncAmdAsync(answeredBy, detectionSeconds);
        }
        else
        {
            call.Advance(detectionSeconds); // synchronous detection: the first webhook waits for the verdict
        }

        await callbacks.SendAsync("answered", CallStatus.InProgress);
        var conversation = new TwimlConversation(call, handset, line, services);
        await conversation.RunAsync();
        if (asyncAmd is not null)
        {
            await asyncAmd;
        }
    }

    private (string? AnsweredBy, double Seconds) Detect(HandsetAnswer answer) => (call.Request.MachineDetection, answer.Kind) switch
    {
        (null, _) => (null, 0),
        (_, AnswerKind.Human) => ("human", 2.5),
        ("DetectMessageEnd", _) => ("machine_end_beep", answer.GreetingSeconds + 0.5),
        _ => ("machine_start", 3.5),
    };

    private async Task PostAsyncAmdAsync(string answeredBy, double seconds)
    {
        await Task.Yield();
        if (call.Request.AsyncAmdStatusCallback is not { } url)
        {
            return;
        }

        List<KeyValuePair<string, string>> fields =
        [
            new("AccountSid", call.AccountSid),
            new("CallSid", call.Sid),
            new("AnsweredBy", answeredBy),
            new("MachineDetectionDuration", ((int)(seconds * 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        var result = await services.Webhooks.SendAsync(url, call.Request.AsyncAmdStatusCallbackMethod, fields, CancellationToken.None);
        if (!result.Succeeded)
        {
            call.AddError(new(15003, $"AMD status callback failed: {result.Failure ?? $"HTTP {result.Status}"}", url));
        }
    }
}
