using System.Text;
using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Emulator.Softphone;

/// <summary>Keys: collected as Twilio does, ended by numDigits, the finish key, or the timeout after prompts and keys.</summary>
internal sealed partial class SoftphoneSession
{
    private readonly StringBuilder digits = new();
    private GatherPrompt? gather;
    private TaskCompletionSource<GatherOutcome>? gathered;
    private CancellationTokenSource? gatherTimer;

    /// <summary>Keys pressed so far in the current Gather.</summary>
    public string Digits
    {
        get { lock (gate) { return digits.ToString(); } }
    }

    public async Task<GatherOutcome> GatherAsync(HandsetLine current, GatherPrompt request, CancellationToken call)
    {
        TaskCompletionSource<GatherOutcome> pending = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = new CancellationTokenSource();
        timer.Token.Register(() => FinishGather(pending, null));
        lock (gate)
        {
            digits.Clear();
            gather = request;
            gathered = pending;
            gatherTimer = timer;
        }

        var spoken = Enqueue(SoftphoneActivity.Gathering, request.Prompts);
        _ = Task.WhenAll(spoken.Select(s => s.Done)).ContinueWith(_ => Restart(timer, request), TaskScheduler.Default);
        if (spoken.Count == 0)
        {
            Restart(timer, request);
        }

        try
        {
            return await pending.Task.WaitAsync(call);
        }
        finally
        {
            lock (gate)
            {
                gatherTimer = null;
                gather = null;
                gathered = null;
            }

            timer.Dispose();
        }
    }

    /// <summary>A key on the keypad. During a Record it is handled by the page (it must stop the microphone first).</summary>
    public void PressKey(char key)
    {
        TaskCompletionSource<GatherOutcome>? pending;
        GatherPrompt? request;
        lock (gate)
        {
            pending = gathered;
            request = gather;
            if (pending is null || request is null || !request.AcceptsDigits)
            {
                return;
            }

            if (!request.FinishOnKey.Contains(key, StringComparison.Ordinal))
            {
                digits.Append(key);
            }

            // Barge-in: a key stops the prompts still being read.
            while (toSpeak.TryDequeue(out var skipped)) { skipped.Finish(); }
            gatherTimer?.CancelAfter(TimeSpan.FromSeconds(request.TimeoutSeconds));
        }

        if (request.FinishOnKey.Contains(key, StringComparison.Ordinal))
        {
            FinishGather(pending, key);
        }
        else if (request.NumDigits is { } n && Digits.Length >= n)
        {
            FinishGather(pending, null);
        }
        else
        {
            Notify();
        }
    }

    private static void Restart(CancellationTokenSource timer, GatherPrompt request)
    {
        try
        {
            timer.CancelAfter(TimeSpan.FromSeconds(request.TimeoutSeconds));
        }
        catch (ObjectDisposedException)
        {
            // the Gather already ended
        }
    }

    private void FinishGather(TaskCompletionSource<GatherOutcome> pending, char? finishKey)
    {
        string keys;
        lock (gate)
        {
            keys = digits.ToString() + finishKey;
            if (ReferenceEquals(gathered, pending))
            {
                Activity = SoftphoneActivity.None;
            }
        }

        if (pending.TrySetResult(new GatherOutcome(keys)))
        {
            Notify();
        }
    }

    private void CancelGather()
    {
        TaskCompletionSource<GatherOutcome>? pending;
        lock (gate) { pending = gathered; }
        pending?.TrySetResult(GatherOutcome.HangUp);
    }
}
