using System.Collections.Concurrent;

namespace VoiceAuth.Emulator.Handsets;

/// <summary>Which handset answers a dialled number (E.164). The latest registration for a number wins.</summary>
internal sealed class HandsetRegistry
{
    private readonly ConcurrentDictionary<string, IHandset> handsets = new(StringComparer.Ordinal);

    /// <summary>Puts <paramref name="handset"/> on <paramref name="number"/> until the returned registration is disposed.</summary>
    public IDisposable Register(string number, IHandset handset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentNullException.ThrowIfNull(handset);
        handsets[number] = handset;
        return new Registration(this, number, handset);
    }

    public IHandset? Find(string number) => handsets.GetValueOrDefault(number);

    /// <summary>
    /// Waits (really) for a handset to appear on <paramref name="number"/>: someone may open the softphone page while
    /// their phone "rings". Null when <paramref name="ringing"/> ends first.
    /// </summary>
    public async Task<IHandset?> WaitForAsync(string number, CancellationToken ringing)
    {
        while (!ringing.IsCancellationRequested)
        {
            if (Find(number) is { } handset)
            {
                return handset;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ringing);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>
    /// Waits for another handset than <paramref name="current"/> to take <paramref name="number"/> (a softphone opened
    /// on it since); null when <paramref name="watching"/> ends first.
    /// </summary>
    public async Task<IHandset?> WaitForOtherAsync(string number, IHandset current, CancellationToken watching)
    {
        while (!watching.IsCancellationRequested)
        {
            if (Find(number) is { } handset && !ReferenceEquals(handset, current))
            {
                return handset;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), watching);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    private sealed class Registration(HandsetRegistry registry, string number, IHandset handset) : IDisposable
    {
        public void Dispose() => registry.handsets.TryRemove(KeyValuePair.Create(number, handset));
    }
}
