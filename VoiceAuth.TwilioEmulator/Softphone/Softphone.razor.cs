using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace VoiceAuth.Portal.Telephony.Emulator.Softphone;

/// <summary>
/// The signed-in person's phone while the emulator stands in for Twilio: it answers emulated calls to their own
/// number, speaks the prompts, sends keys and records the microphone (or takes a WAV upload).
/// </summary>
public sealed partial class Softphone
{
    private readonly SoftphoneSession session = new();
    private TwilioEmulator? emulator;
    private string? number;
    private bool connected;
    private IDisposable? registration;
    private SoftphoneRecorder? recorder;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // Absent when real Twilio credentials are configured: the page then says so and does nothing.
        emulator = Services.GetService<TwilioEmulator>();
        if (emulator is null)
        {
            return;
        }

        number = await Services.GetRequiredService<ISoftphoneLines>().FindNumberAsync((await AuthState).User);
        if (number is null || !RendererInfo.IsInteractive)
        {
            return; // while prerendering, nothing goes on the line: the interactive page does that
        }

        recorder = new SoftphoneRecorder(JS, session, work => InvokeAsync(async () =>
        {
            await work();
            StateHasChanged();
        }));
        session.Changed += OnSessionChanged;
        registration = emulator.Handsets.Register(number, session);
        connected = true;
    }

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

    public async ValueTask DisposeAsync()
    {
        session.Changed -= OnSessionChanged;
        registration?.Dispose();
        session.Dispose();
        if (recorder is not null)
        {
            await recorder.DisposeAsync();
        }
    }
}
