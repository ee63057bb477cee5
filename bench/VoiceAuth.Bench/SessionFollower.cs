using System.Collections.Concurrent;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Bench;

/// <summary>
/// What an open page does with pushed steps: apply them in order and notice the end. Times each decision (a step
/// that leaves "Checking") from the server's timestamp to its arrival here.
/// </summary>
internal sealed class SessionFollower(CallMetrics metrics)
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<SessionUpdate>> finals = new();
    private readonly ConcurrentDictionary<(Guid, int), SessionState> seen = new();

    public Task<SessionUpdate> Expect(Guid sessionId) =>
        finals.GetOrAdd(sessionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Receive(SessionUpdate update)
    {
        var arrived = DateTimeOffset.UtcNow;
        if (!seen.TryAdd((update.SessionId, update.Sequence), update.State))
        {
            return; // a catch-up copy of a step already pushed
        }

        if (seen.TryGetValue((update.SessionId, update.Sequence - 1), out var previous) && previous == SessionState.Checking)
        {
            metrics.Push((arrived - update.At).TotalMilliseconds);
        }

        if (update.IsFinal)
        {
            finals.GetOrAdd(update.SessionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(update);
        }
    }
}
