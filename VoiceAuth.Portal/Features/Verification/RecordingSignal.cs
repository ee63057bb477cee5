using System.Threading.Channels;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Wakes the <see cref="RecordingProcessor"/> as soon as a recording is stored. Only a nudge: the work items
/// themselves live in the database, so a lost nudge (or a restart) just means the next periodic sweep finds them.
/// </summary>
public sealed class RecordingSignal
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Signal() => signals.Writer.TryWrite(true);

    /// <summary>Waits for a nudge or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await signals.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The periodic sweep.
        }
    }
}
