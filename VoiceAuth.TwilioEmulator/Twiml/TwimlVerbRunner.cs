using System.Diagnostics;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Emulator.Twiml;

/// <summary>
/// Executes one document's verbs against the handset and keeps the call's clock: spoken length for Say, length
/// for Pause, key presses for Gather, the audio for Record; real handsets are timed with the wall clock instead.
/// </summary>
internal sealed partial class TwimlVerbRunner(EmulatedCall call, IHandset handset, HandsetLine line, CallServices services, List<Task> background)
{
    private const double PlaySeconds = 3; // a <Play> is audio of unknown length and content
    private const int EndlessLoop = 10; // loop="0" repeats until hang-up; a script never hangs up, so stop somewhere

    public async Task<Step> RunAsync(IReadOnlyList<TwimlVerb> verbs, string? documentUrl)
    {
        try
        {
            foreach (var verb in verbs)
            {
                if (call.Stopping.IsCancellationRequested)
                {
                    return Step.End(call.EndReason);
                }

                if (call.TalkSeconds >= call.Request.TimeLimitSeconds)
                {
                    call.Note("time limit reached");
                    return Step.End(CallEndReason.TimeLimit);
                }

                var step = verb switch
                {
                    SayVerb say => await SayAsync(say),
                    PlayVerb play => await PlayAsync(play),
                    PauseVerb pause => await PauseAsync(pause),
                    GatherVerb gather => await GatherAsync(gather, documentUrl),
                    RecordVerb record => await RecordAsync(record, documentUrl),
                    RedirectVerb redirect => Step.Fetch(Step.Resolve(redirect.Url, documentUrl), redirect.Method, []),
                    _ => Step.End(CallEndReason.HangupVerb), // Hangup, and Reject (the call is already answered)
                };
                if (step is not null)
                {
                    return step;
                }
            }

            return Step.End(CallEndReason.DocumentEnded);
        }
        catch (OperationCanceledException) when (call.Stopping.IsCancellationRequested)
        {
            return Step.End(call.EndReason);
        }
    }

    private async Task<Step?> SayAsync(SayVerb say)
    {
        var text = string.Join(' ', say.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        for (var i = 0; i < Repeats(say.Loop); i++)
        {
            if (!await HearAsync(new HeardPrompt("Say", text, say.Voice, say.Language, services.SpeechSeconds(text))))
            {
                return Step.End(CallEndReason.CallerHungUp);
            }
        }

        return null;
    }

    private async Task<Step?> PlayAsync(PlayVerb play)
    {
        for (var i = 0; i < Repeats(play.Loop); i++)
        {
            if (!await HearAsync(new HeardPrompt("Play", play.Url, null, null, PlaySeconds)))
            {
                return Step.End(CallEndReason.CallerHungUp);
            }
        }

        return null;
    }

    private async Task<Step?> PauseAsync(PauseVerb pause)
    {
        call.Note($"Pause: {pause.Length} s");
        if (handset.IsRealTime)
        {
            await Task.Delay(TimeSpan.FromSeconds(pause.Length), call.Stopping);
        }
        else
        {
            await ScriptedDelayAsync(pause.Length);
        }

        call.Advance(pause.Length);
        return null;
    }

    /// <summary>
    /// Scripts live on a simulated clock, but each simulated second still takes ScriptedTimeScale real seconds, so
    /// the portal works while the caller listens or talks, as with Twilio (1 = real time).
    /// </summary>
    private Task ScriptedDelayAsync(double simulatedSeconds)
    {
        var real = simulatedSeconds * services.Options.ScriptedTimeScale;
        return handset.IsRealTime || real <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(real), call.Stopping);
    }

    private async Task<bool> HearAsync(HeardPrompt prompt)
    {
        call.Hear(prompt);
        var started = Stopwatch.GetTimestamp();
        await ScriptedDelayAsync(prompt.Seconds);
        var stillThere = await handset.HearAsync(line, prompt, call.Stopping);
        call.Advance(handset.IsRealTime ? Stopwatch.GetElapsedTime(started).TotalSeconds : prompt.Seconds);
        return stillThere;
    }

    private async Task<Step?> GatherAsync(GatherVerb gather, string? documentUrl)
    {
        List<HeardPrompt> prompts = [];
        var promptSeconds = 0.0;
        foreach (var nested in gather.Prompts)
        {
            switch (nested)
            {
                case SayVerb say:
                    prompts.AddRange(Enumerable.Repeat(new HeardPrompt("Say", say.Text, say.Voice, say.Language, services.SpeechSeconds(say.Text)), Repeats(say.Loop)));
                    break;
                case PlayVerb play:
                    prompts.AddRange(Enumerable.Repeat(new HeardPrompt("Play", play.Url, null, null, PlaySeconds), Repeats(play.Loop)));
                    break;
                case PauseVerb pause:
                    promptSeconds += pause.Length;
                    break;
            }
        }

        prompts.ForEach(call.Hear);
        promptSeconds += prompts.Sum(p => p.Seconds);
        var request = new GatherPrompt(prompts, gather.NumDigits, gather.Timeout, gather.FinishOnKey, gather.AcceptsDigits, gather.AcceptsSpeech);
        var started = Stopwatch.GetTimestamp();
        var outcome = await handset.GatherAsync(line, request, call.Stopping);
        var gatherSeconds = handset.IsRealTime ? Stopwatch.GetElapsedTime(started).TotalSeconds : promptSeconds + (outcome.Seconds ?? gather.Timeout);
        await ScriptedDelayAsync(gatherSeconds);
        call.Advance(gatherSeconds);
        if (outcome.HungUp)
        {
            return Step.End(CallEndReason.CallerHungUp);
        }

        List<KeyValuePair<string, string>> fields = [];
        var digits = gather.AcceptsDigits ? outcome.Digits : "";
        if (digits.Length > 0 && gather.FinishOnKey.Contains(digits[^1], StringComparison.Ordinal))
        {
            fields.Add(new("FinishedOnKey", digits[^1..]));
            digits = digits[..^1];
        }

        if (gather.NumDigits is { } n && digits.Length > n)
        {
            digits = digits[..n];
        }

        var speech = gather.AcceptsSpeech ? outcome.Speech : null;
        if (digits.Length == 0 && speech is null && !gather.ActionOnEmptyResult)
        {
            call.Note("Gather: no input");
            return null; // Twilio falls through to the next verb
        }

        call.Note($"Gather: {(speech is null ? $"{digits.Length} key(s)" : "speech")}");
        fields.Add(new("Digits", digits));
        if (speech is not null)
        {
            fields.Add(new("SpeechResult", speech));
            fields.Add(new("Confidence", "0.9"));
        }

        return Step.Fetch(Step.Resolve(gather.Action, documentUrl), gather.Method, fields);
    }

    private static int Repeats(int loop) => loop == 0 ? EndlessLoop : loop;
}
