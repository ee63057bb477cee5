using VoiceAuth.Portal.Capacity;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// The engine's CPU slots (<see cref="ScoringSlots"/>). Held only around the engine's work: when the slot was held
/// for the whole pipeline (claim, download, commit, carrier delete), a busy database or carrier left the CPU idle
/// while recordings queued, and the scoring time admission control measures no longer said how many recordings the
/// instance could score.
/// </summary>
internal sealed class ScoringGate : IDisposable
{
    private readonly SemaphoreSlim slots = new(ScoringSlots.Count, ScoringSlots.Count);

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
