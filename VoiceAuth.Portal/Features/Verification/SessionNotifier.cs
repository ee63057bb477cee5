using System.Collections.Concurrent;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// In-process subscriptions for Blazor components (eShop's notifier pattern): a page subscribes to its session
/// and is called back for every step; it marshals onto its own renderer with <c>InvokeAsync</c>.
/// </summary>
public sealed class SessionNotifier
{
    private readonly ConcurrentDictionary<Guid, ImmutableHandlers> handlers = new();

    public IDisposable Subscribe(Guid sessionId, Func<SessionUpdate, Task> handler)
    {
        handlers.AddOrUpdate(sessionId, _ => new([handler]), (_, existing) => new([.. existing.Items, handler]));
        return new Subscription(this, sessionId, handler);
    }

    public async Task NotifyAsync(SessionUpdate update)
    {
        if (!handlers.TryGetValue(update.SessionId, out var current))
        {
            return;
        }

        foreach (var handler in current.Items)
        {
            try
            {
                await handler(update);
            }
            catch (ObjectDisposedException)
            {
                // The page went away between lookup and call; its subscription is being disposed.
            }
        }
    }

    private void Unsubscribe(Guid sessionId, Func<SessionUpdate, Task> handler)
    {
        while (handlers.TryGetValue(sessionId, out var current))
        {
            var remaining = current.Items.Where(h => h != handler).ToArray();
            var done = remaining.Length == 0
                ? handlers.TryRemove(new KeyValuePair<Guid, ImmutableHandlers>(sessionId, current))
                : handlers.TryUpdate(sessionId, new(remaining), current);
            if (done)
            {
                return;
            }
        }
    }

    private sealed record ImmutableHandlers(Func<SessionUpdate, Task>[] Items);

    private sealed class Subscription(SessionNotifier owner, Guid sessionId, Func<SessionUpdate, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(sessionId, handler);
    }
}
