using System.Collections.Concurrent;

namespace VoiceAuth.Emulator.Recordings;

/// <summary>A recording at the emulated carrier. Its audio is dropped when deleted; the entry stays as proof.</summary>
internal sealed class StoredRecording(string sid, string callSid, byte[] wav, int durationSeconds, DateTimeOffset createdAt, int notFoundFetches)
{
    private byte[]? wav = wav;
    private int notFoundRemaining = notFoundFetches;

    public string Sid { get; } = sid;

    public string CallSid { get; } = callSid;

    public int DurationSeconds { get; } = durationSeconds;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>The 8 kHz WAV, or null once deleted.</summary>
    public byte[]? Wav => Volatile.Read(ref wav);

    public bool IsDeleted => Wav is null;

    /// <summary>True while the injected "not yet available" fault still answers 404 (counts this fetch).</summary>
    public bool StillProcessing() => Interlocked.Decrement(ref notFoundRemaining) >= 0;

    public bool Delete(DateTimeOffset at)
    {
        if (Interlocked.Exchange(ref wav, null) is null)
        {
            return false;
        }

        DeletedAt = at;
        return true;
    }
}

/// <summary>
/// Recordings by SID, bounded: entries (deleted ones included) beyond <c>MaxRecordings</c> or older than the retention
/// are evicted oldest first. Lock-free on the hot path; eviction is done by whichever writer gets there first.
/// </summary>
internal sealed class RecordingStore(TwilioEmulatorOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StoredRecording> items = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StoredRecording> order = new();
    private readonly Lock evicting = new();

    /// <summary>Recordings whose audio is still held.</summary>
    public int StoredCount => items.Values.Count(r => !r.IsDeleted);

    public StoredRecording Add(string callSid, byte[] wav, int durationSeconds)
    {
        var recording = new StoredRecording("RE" + Guid.NewGuid().ToString("N"), callSid, wav, durationSeconds,
            time.GetUtcNow(), options.Faults.RecordingNotFoundFetches);
        items[recording.Sid] = recording;
        order.Enqueue(recording);
        Evict();
        return recording;
    }

    public StoredRecording? Find(string sid) => items.GetValueOrDefault(sid);

    private void Evict()
    {
        if (!evicting.TryEnter())
        {
            return; // another writer is evicting; no one waits
        }

        try
        {
            var oldest = time.GetUtcNow().AddMinutes(-options.RecordingRetentionMinutes);
            while (order.TryPeek(out var head) && (items.Count > options.MaxRecordings || head.CreatedAt < oldest))
            {
                order.TryDequeue(out _);
                items.TryRemove(head.Sid, out _);
            }
        }
        finally
        {
            evicting.Exit();
        }
    }
}
