using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace VoiceAuth.Emulator.Softphone;

/// <summary>
/// A phone for the emulated calls, open to anyone who can reach the page (the emulator is a development tool):
/// it lists the numbers being called with nobody on the line, or takes any number, then answers the calls to it,
/// speaks the prompts, sends keys and records the microphone (or takes a WAV upload).
/// </summary>
public sealed partial class Softphone
{
    private static readonly TimeSpan RingingRefresh = TimeSpan.FromMilliseconds(500);
    private SoftphoneSession session = new();
    private TwilioEmulator? emulator;
    private string? number;
    private bool connected;
    private IDisposable? registration;
    private SoftphoneRecorder? recorder;
    private IReadOnlyList<string> ringing = [];
    private string? typed;
    private string? typedProblem;
    private CancellationTokenSource? watching;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Answer this number straight away (<c>/softphone?number=%2B12015550123</c>).</summary>
    [SupplyParameterFromQuery(Name = "number")]
    public string? NumberFromQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        // Absent when the host talks to real Twilio: the page then says so and does nothing.
        emulator = Services.GetService<TwilioEmulator>();
        if (emulator is null || !RendererInfo.IsInteractive)
        {
            return; // while prerendering, nothing goes on the line: the interactive page does that
        }

        if (NumberFromQuery is { Length: > 0 } requested && IsNumber(requested.Trim()))
        {
            await TakeLineAsync(requested.Trim());
            return;
        }

        ringing = emulator.RingingNumbers;
        watching = new CancellationTokenSource();
        _ = WatchRingingAsync(watching.Token);
    }

    // Ringing calls come and go in the emulator's threads; the list is refreshed until a line is taken.
    private async Task WatchRingingAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(RingingRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = emulator!.RingingNumbers;
                if (!now.SequenceEqual(ringing))
                {
                    await InvokeAsync(() =>
                    {
                        ringing = now;
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task TakeLineAsync(string? chosen)
    {
        chosen = chosen?.Trim();
        if (emulator is null || chosen is null || !IsNumber(chosen))
        {
            typedProblem = "Type a number in international form, e.g. +12015550123.";
            return Task.CompletedTask;
        }

        watching?.Cancel();
        typedProblem = null;
        number = chosen;
        recorder = new SoftphoneRecorder(JS, session, work => InvokeAsync(async () =>
        {
            await work();
            StateHasChanged();
        }));
        session.Changed += OnSessionChanged;
        registration = emulator.Handsets.Register(number, session);
        connected = true;
        return Task.CompletedTask;
    }

    // Back to the list of ringing numbers with a fresh phone.
    private async Task ReleaseLine()
    {
        await HangUpLineAsync();
        session = new SoftphoneSession();
        number = null;
        connected = false;
        ringing = emulator?.RingingNumbers ?? [];
        watching = new CancellationTokenSource();
        _ = WatchRingingAsync(watching.Token);
    }

    private static bool IsNumber(string candidate) => TwilioEmulatorOptionsValidator.E164Pattern().IsMatch(candidate);

    private void OnSessionChanged() => _ = InvokeAsync(async () =>
    {
        StateHasChanged();
        if (recorder is not null)
        {
            await recorder.OnSessionChangedAsync();
        }
    });

    private async Task PressKeyAsync(char key)
    {
        if (recorder is not null && session.Activity == SoftphoneActivity.Recording)
        {
            await recorder.KeyDuringRecordingAsync(key);
            return;
        }

        session.PressKey(key);
        if (recorder is not null)
        {
            await recorder.CancelSpeechAsync();
        }
    }

    private async Task HangUpAsync()
    {
        if (recorder is not null && session.Activity == SoftphoneActivity.Recording)
        {
            await recorder.StopAsync(hungUp: true);
        }

        session.HangUp();
    }

    private async Task HangUpLineAsync()
    {
        session.Changed -= OnSessionChanged;
        registration?.Dispose();
        registration = null;
        session.Dispose();
        if (recorder is not null)
        {
            await recorder.DisposeAsync();
            recorder = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        watching?.Cancel();
        watching?.Dispose();
        await HangUpLineAsync();
    }
}
