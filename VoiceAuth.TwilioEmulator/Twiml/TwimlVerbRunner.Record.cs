using System.Diagnostics;
using System.Globalization;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Recordings;

namespace VoiceAuth.Emulator.Twiml;

/// <summary>
/// &lt;Record&gt;: the handset's audio becomes an 8 kHz recording; the action gets its URL, SID, duration and the key
/// that ended it ("hangup" when the caller hung up, and then the call ends after telling the portal).
/// </summary>
internal sealed partial class TwimlVerbRunner
{
    private const double BeepSeconds = 0.5;

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
        var recordSeconds = handset.IsRealTime
            ? Stopwatch.GetElapsedTime(started).TotalSeconds
            : (record.PlayBeep ? BeepSeconds : 0) + heardSeconds + (endedBySilence ? record.Timeout : 0);
        await ScriptedDelayAsync(recordSeconds);
        call.Advance(recordSeconds);

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
}
