using System.Collections.Concurrent;
using VoiceAuth.Portal.Telephony;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>A carrier double for webhook-level tests: remembers the calls asked for and serves recordings by id.</summary>
public sealed class FakeTelephony : ITelephony
{
    public ConcurrentQueue<(Guid SessionId, string To)> Placed { get; } = new();

    public ConcurrentDictionary<string, byte[]> Recordings { get; } = new();

    public ConcurrentBag<string> Deleted { get; } = [];

    public ConcurrentBag<string> HungUp { get; } = [];

    public CallPlacementError? NextError { get; set; }

    public Task<CallPlacement> PlaceCallAsync(Guid sessionId, string toE164, CancellationToken cancellationToken)
    {
        Placed.Enqueue((sessionId, toE164));
        if (NextError is { } error)
        {
            NextError = null;
            return Task.FromResult(new CallPlacement(null, error));
        }

        return Task.FromResult(new CallPlacement("CA" + Guid.NewGuid().ToString("N"), null));
    }

    /// <summary>What the carrier says about a call when asked (absent: it cannot tell).</summary>
    public ConcurrentDictionary<string, string> CallStatuses { get; } = new();

    public ConcurrentBag<string> StatusFetched { get; } = [];

    public Task<string?> FetchCallStatusAsync(string callSid, CancellationToken cancellationToken)
    {
        StatusFetched.Add(callSid);
        return Task.FromResult(CallStatuses.TryGetValue(callSid, out var status) ? status : null);
    }

    public Task HangUpAsync(string callSid, CancellationToken cancellationToken)
    {
        HungUp.Add(callSid);
        return Task.CompletedTask;
    }

    /// <summary>Recordings the carrier serves as something far too large to be a phone recording.</summary>
    public ConcurrentBag<string> Oversized { get; } = [];

    public Task<byte[]?> DownloadRecordingAsync(string recordingSid, CancellationToken cancellationToken) =>
        Oversized.Contains(recordingSid)
            ? throw new InvalidDataException("too large")
            : Task.FromResult(Recordings.TryGetValue(recordingSid, out var wav) ? wav : null);

    /// <summary>The carrier refuses deletions (as if unreachable).</summary>
    public bool DeletesFail { get; set; }

    public Task<bool> DeleteRecordingAsync(string recordingSid, CancellationToken cancellationToken)
    {
        if (DeletesFail)
        {
            return Task.FromResult(false);
        }

        Deleted.Add(recordingSid);
        Recordings.TryRemove(recordingSid, out _);
        return Task.FromResult(true);
    }
}
