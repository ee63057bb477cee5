using Microsoft.JSInterop;

namespace VoiceAuth.Emulator.Softphone;

/// <summary>Prompts spoken one after another with the browser's speech synthesis; the module loaded once.</summary>
internal sealed partial class SoftphoneRecorder
{
    private bool speaking;

    public async Task CancelSpeechAsync()
    {
        if (await ModuleAsync() is { } m)
        {
            await Quietly(() => m.InvokeVoidAsync("cancelSpeech").AsTask());
        }
    }

    private async Task SpeakPendingAsync()
    {
        if (speaking)
        {
            return; // the loop already running speaks the newcomers too
        }

        speaking = true;
        try
        {
            while (session.NextToSpeak() is { } next)
            {
                try
                {
                    if (await ModuleAsync() is { } m)
                    {
                        await Quietly(() => m.InvokeVoidAsync("speak", next.Prompt.Text, next.Prompt.Language ?? "en-US", next.Prompt.Seconds).AsTask());
                    }
                }
                finally
                {
                    next.Finish();
                }
            }
        }
        finally
        {
            speaking = false;
        }
    }

    private async Task<IJSObjectReference?> ModuleAsync()
    {
        if (module is null)
        {
            await Quietly(async () => module = await js.InvokeAsync<IJSObjectReference>("import", "./_content/VoiceAuth.TwilioEmulator/Softphone/Softphone.razor.js"));
        }

        return module;
    }

    // The circuit may be gone (tab closed) or the browser may refuse; the call carries on either way.
    private static async Task Quietly(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
        }
    }
}
