namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

/// <summary>A test class with a fresh <see cref="EmulatorHarness"/> per test, disposed through xunit's async lifetime.</summary>
public abstract class EmulatorTest : IAsyncLifetime, IAsyncDisposable
{
    protected EmulatorHarness H { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await H.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
