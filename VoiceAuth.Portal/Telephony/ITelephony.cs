namespace VoiceAuth.Portal.Telephony;

/// <summary>The outcome of asking the carrier to place a call.</summary>
/// <param name="CallSid">The carrier's call id when placed.</param>
/// <param name="Error">Why not, when not: a stored, explainable outcome (never an exception).</param>
public sealed record CallPlacement(string? CallSid, CallPlacementError? Error);

public enum CallPlacementError
{
    InvalidNumber,
    NotPermitted,
    Unauthorized,
    RateLimited,
    Unavailable,
}

/// <summary>What the phone flow needs from a carrier (Twilio, or the built-in emulator through the same SDK).</summary>
public interface ITelephony
{
    /// <summary>Calls <paramref name="toE164"/>; the call's webhooks carry <paramref name="sessionId"/> in their URLs.</summary>
    Task<CallPlacement> PlaceCallAsync(Guid sessionId, string toE164, CancellationToken cancellationToken);

    /// <summary>
    /// The call's status as the carrier knows it now (Twilio's words: queued, ringing, in-progress, completed, busy,
    /// no-answer, failed, canceled), or null when it cannot be told (unknown call, carrier unreachable). Used to settle
    /// sessions whose final status callback was lost, e.g. while the portal was down.
    /// </summary>
    Task<string?> FetchCallStatusAsync(string callSid, CancellationToken cancellationToken);

    /// <summary>Ends a call that is still ringing or in progress (best effort).</summary>
    Task HangUpAsync(string callSid, CancellationToken cancellationToken);

    /// <summary>
    /// Fetches a recording as WAV by its id; null while the carrier does not have it yet.
    /// Throws <see cref="InvalidDataException"/> for a recording too large to be a phone recording.
    /// </summary>
    Task<byte[]?> DownloadRecordingAsync(string recordingSid, CancellationToken cancellationToken);

    /// <summary>Deletes a recording at the carrier; true when it is gone (also when it was already gone).</summary>
    Task<bool> DeleteRecordingAsync(string recordingSid, CancellationToken cancellationToken);
}
