using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Emulator.Softphone;

/// <summary>
/// The browser side of the softphone (Softphone.razor.js): speaks prompts with speech synthesis, records the
/// microphone as a WAV, stops at the Record's maxLength, and accepts uploaded WAV files instead.
/// Runs on the page's renderer: every method is called through the component's dispatcher, and
/// <paramref name="onRenderer"/> runs work there (then re-renders) for the recording's own timer.
/// </summary>
internal sealed partial class SoftphoneRecorder(IJSRuntime js, SoftphoneSession session, Func<Func<Task>, Task> onRenderer) : IAsyncDisposable
{
    public const long MaxAudioBytes = 10 * 1024 * 1024;

    private IJSObjectReference? module;
    private bool lostAudio;
    private RecordPrompt? active;
    private DateTimeOffset startedAt;
    private CancellationTokenSource? ticker;

    public bool MicrophoneOn { get; private set; }

    /// <summary>A problem to show the person (no microphone, a file that is not a WAV).</summary>
    public string? Problem { get; private set; }

    public double Percent(RecordPrompt record) =>
        active is null ? 0 : Math.Min(100, (DateTimeOffset.UtcNow - startedAt).TotalSeconds * 100 / record.MaxLengthSeconds);

    public async Task OnSessionChangedAsync()
    {
        if (session.Activity == SoftphoneActivity.Recording && active is null && session.CurrentRecord is { } record)
        {
            await StartAsync(record);
        }

        await SpeakPendingAsync();
    }

    public async Task StopAsync(string? finishedOnKey = null, bool hungUp = false)
    {
        if (active is null)
        {
            return;
        }

        var wav = await StopMicrophoneAsync();
        if (lostAudio && !hungUp)
        {
            return; // the browser lost the audio: the Record stays open for an upload
        }

        Submit(wav, finishedOnKey, hungUp);
    }

    public async Task KeyDuringRecordingAsync(char key)
    {
        if (active is { } record && record.FinishOnKey.Contains(key, StringComparison.Ordinal))
        {
            await StopAsync(key.ToString());
        }
    }

    public async Task UploadAsync(IBrowserFile file)
    {
        if (file.Size > MaxAudioBytes)
        {
            Problem = $"That file is larger than {MaxAudioBytes / (1024 * 1024)} MB.";
            return;
        }

        using var memory = new MemoryStream();
        await using (var stream = file.OpenReadStream(MaxAudioBytes))
        {
            await stream.CopyToAsync(memory);
        }

        if (active is not null)
        {
            await StopMicrophoneAsync(); // the file replaces whatever the microphone heard
        }

        Submit(memory.ToArray(), null, false);
    }

    private void Submit(byte[]? wav, string? finishedOnKey, bool hungUp)
    {
        Problem = session.SubmitRecording(wav, finishedOnKey, hungUp);
        if (Problem is null)
        {
            active = null;
        }
    }

    private async Task StartAsync(RecordPrompt record)
    {
        active = record;
        startedAt = DateTimeOffset.UtcNow;
        Problem = null;
        if (await ModuleAsync() is { } m)
        {
            try
            {
                MicrophoneOn = await m.InvokeAsync<bool>("startRecording", record.PlayBeep);
            }
            catch (JSException)
            {
                Problem = "The microphone is not available (blocked or missing). Send a WAV file instead.";
            }
        }

        ticker = new CancellationTokenSource();
        _ = TickAsync(record, ticker.Token);
    }

    // Redraws the progress bar, and stops the recording at maxLength as Twilio does.
    private async Task TickAsync(RecordPrompt record, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var over = false;
        try
        {
            while (!over && await timer.WaitForNextTickAsync(stop))
            {
                await onRenderer(async () =>
                {
                    over = !ReferenceEquals(active, record);
                    if (!over && MicrophoneOn && DateTimeOffset.UtcNow - startedAt >= TimeSpan.FromSeconds(record.MaxLengthSeconds))
                    {
                        over = true;
                        await StopAsync();
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
            // stopped by hand, by a key, an upload or a hang-up
        }
    }

    private async Task<byte[]?> StopMicrophoneAsync()
    {
        ticker?.Cancel();
        ticker?.Dispose();
        ticker = null;
        if (!MicrophoneOn || await ModuleAsync() is not { } m)
        {
            return null;
        }

        MicrophoneOn = false;
        lostAudio = false;
        try
        {
            var audio = await m.InvokeAsync<IJSStreamReference?>("stopRecording");
            if (audio is null)
            {
                return null;
            }

            await using var stream = await audio.OpenReadStreamAsync(MaxAudioBytes);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            return memory.ToArray();
        }
        catch (JSException)
        {
            lostAudio = true;
            Problem = "The recording could not be read from the browser. Send a WAV file instead.";
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        ticker?.Cancel();
        ticker?.Dispose();
        if (module is not null)
        {
            await Quietly(async () =>
            {
                await module.InvokeVoidAsync("stopEverything");
                await module.DisposeAsync();
            });
        }
    }
}
