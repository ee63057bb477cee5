using System.Diagnostics;
using System.Globalization;
using VoiceAuth.Portal.Telephony.Emulator.Calls;
using VoiceAuth.Portal.Telephony.Emulator.Handsets;
using VoiceAuth.Portal.Telephony.Emulator.Recordings;

namespace VoiceAuth.Portal.Telephony.Emulator.Twiml;

/// <summary>
/// Executes one document's verbs against the handset and keeps the call's clock: spoken length for Say, length
/// for Pause, key presses for Gather, the audio for Record; real handsets are timed with the wall clock instead.
/// </summary>
internal sealed class TwimlVerbRunner(EmulatedCall call, IHandset handset, HandsetLine line, CallServices services, List<Task> background)
{
    private const double PlaySeconds = 3; // a <Play> is audio of unknown length and content
    private const double BeepSeconds = 0.5;
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

        call.Advance(pause.Length);
        return null;
    }

    private async Task<bool> HearAsync(HeardPrompt prompt)
    {
        call.Hear(prompt);
        var started = Stopwatch.GetTimestamp();
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
        call.Advance(handset.IsRealTime ? Stopwatch.GetElapsedTime(started).TotalSeconds : promptSeconds + (outcome.Seconds ?? gather.Timeout));
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

    private async Task<Step?> RecordAsync(RecordVerb record, string? documentUrl)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = await handset.RecordAsync(line, new(record.MaxLength, record.Timeout, record.FinishOnKey, record.PlayBeep), call.Stopping);
        var samples = Array.Empty<float>();
        if (outcome.Wav is { Length: > 0 } wav && !PhoneAudio.TryRead(wav, out samples))
        {
            call.Note("Record: the handset's audio is not a readable WAV file; treated as silence");
        }

        var heardSeconds = Math.Min(PhoneAudio.Seconds(samples.Length), record.MaxLength);
        var endedBySilence = !outcome.HungUp && outcome.FinishedOnKey is null && heardSeconds < record.MaxLength;
        call.Advance(handset.IsRealTime
            ? Stopwatch.GetElapsedTime(started).TotalSeconds
            : (record.PlayBeep ? BeepSeconds : 0) + heardSeconds + (endedBySilence ? record.Timeout : 0));

        var kept = PhoneAudio.Keep(samples, record.MaxLength, record.TrimSilence);
        if (kept.IsEmpty)
        {
            // Twilio skips the action for an empty recording and carries on with the next verb.
            call.Note(samples.Length == 0 ? "Record: nothing recorded (no audio)" : $"Record: nothing recorded ({PhoneAudio.Seconds(samples.Length):0.0} s of silence)");
            return outcome.HungUp ? Step.End(CallEndReason.CallerHungUp) : null;
        }

        var duration = Math.Max(1, (int)Math.Round(PhoneAudio.Seconds(kept.Length)));
        var stored = services.Recordings.Add(call.Sid, PhoneAudio.ToWav(kept), duration);
        call.AddRecording(stored.Sid);
        call.Note($"Record: {stored.Sid}, {duration} s{(outcome.HungUp ? ", caller hung up" : "")}");
        var recordingUrl = $"{services.Options.RecordingUrlBase.TrimEnd('/')}/2010-04-01/Accounts/{call.AccountSid}/Recordings/{stored.Sid}";
        List<KeyValuePair<string, string>> fields =
        [
            new("RecordingUrl", recordingUrl),
            new("RecordingSid", stored.Sid),
            new("RecordingDuration", duration.ToString(CultureInfo.InvariantCulture)),
        ];
        if ((outcome.HungUp ? "hangup" : outcome.FinishedOnKey) is { } digits)
        {
            fields.Add(new("Digits", digits));
        }

        if (record.RecordingStatusCallback is { } callback)
        {
            background.Add(RecordingStatusAsync(Step.Resolve(callback, documentUrl), record.RecordingStatusCallbackMethod, stored, recordingUrl));
        }

        var action = Step.Resolve(record.Action, documentUrl);
        return outcome.HungUp
            ? Step.NotifyAndEnd(action, record.Method, fields, CallEndReason.CallerHungUp)
            : Step.Fetch(action, record.Method, fields);
    }

    private async Task RecordingStatusAsync(string url, string method, StoredRecording recording, string recordingUrl)
    {
        await Task.Yield();
        List<KeyValuePair<string, string>> fields =
        [
            new("AccountSid", call.AccountSid),
            new("CallSid", call.Sid),
            new("RecordingSid", recording.Sid),
            new("RecordingUrl", recordingUrl),
            new("RecordingStatus", "completed"),
            new("RecordingDuration", recording.DurationSeconds.ToString(CultureInfo.InvariantCulture)),
            new("RecordingChannels", "1"),
            new("RecordingSource", "RecordVerb"),
            new("RecordingStartTime", recording.CreatedAt.ToString("r", CultureInfo.InvariantCulture)),
            new("ErrorCode", "0"),
        ];
        var result = await services.Webhooks.SendAsync(url, method, fields, CancellationToken.None);
        if (!result.Succeeded)
        {
            call.AddError(new(15003, $"Recording status callback failed: {result.Failure ?? $"HTTP {result.Status}"}", url));
        }
    }

    private static int Repeats(int loop) => loop == 0 ? EndlessLoop : loop;
}
