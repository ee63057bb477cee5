using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Recordings;

namespace VoiceAuth.Emulator.Softphone;

/// <summary>Recording: the page records (or takes a file) and hands the WAV over; the emulator waits for it.</summary>
internal sealed partial class SoftphoneSession
{
    private TaskCompletionSource<RecordOutcome>? recording;

    public async Task<RecordOutcome> RecordAsync(HandsetLine current, RecordPrompt record, CancellationToken call)
    {
        TaskCompletionSource<RecordOutcome> pending = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            recording = pending;
            CurrentRecord = record;
            Activity = SoftphoneActivity.Recording;
        }

        Notify();
        try
        {
            return await pending.Task.WaitAsync(TimeSpan.FromSeconds(record.MaxLengthSeconds + 60), call);
        }
        catch (TimeoutException)
        {
            // Nobody at the page (tab asleep, no microphone, no file): it ends as Twilio's silence timeout would.
            SubmitRecording(null);
            return new RecordOutcome(null);
        }
    }

    /// <summary>
    /// What the person said (a WAV file from the microphone or an upload). Null when accepted, otherwise why not.
    /// </summary>
    public string? SubmitRecording(byte[]? wav, string? finishedOnKey = null, bool hungUp = false)
    {
        if (wav is { Length: > 0 } && !PhoneAudio.TryRead(wav, out _))
        {
            return "That file is not a WAV recording VoiceAuth can read. Use a .wav file (PCM, 8–48 kHz).";
        }

        TaskCompletionSource<RecordOutcome>? pending;
        lock (gate)
        {
            pending = recording;
            recording = null;
            CurrentRecord = null;
            Activity = SoftphoneActivity.None;
        }

        pending?.TrySetResult(new RecordOutcome(wav, finishedOnKey, hungUp));
        Notify();
        return null;
    }
}
