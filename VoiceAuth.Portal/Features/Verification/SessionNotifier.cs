using System.Collections.Concurrent;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// In-process subscriptions for Blazor components (eShop's notifier pattern): a page subscribes to its session
/// and is called back for every step; it marshals onto its own renderer with <c>InvokeAsync</c>. Operator pages
/// (live calls, dashboards) subscribe to every session with <see cref="SubscribeAll"/>. With Redis configured,
/// steps made on other instances arrive here too (ScaleOut's listener calls <see cref="NotifyAsync"/>).
/// </summary>
public sealed class SessionNotifier
{
    private readonly ConcurrentDictionary<Guid, ImmutableHandlers> handlers = new();

    // Replaced as a whole on every change, so NotifyAsync iterates a snapshot without locking.
    private ImmutableHandlers everySession = new([]);

    public IDisposable Subscribe(Guid sessionId, Func<SessionUpdate, Task> handler)
    {
        handlers.AddOrUpdate(sessionId, _ => new([handler]), (_, existing) => new([.. existing.Items, handler]));
        return new Subscription(this, sessionId, handler);
    }

    /// <summary>
    /// Called for every session's steps, after that session's own subscribers. Callers are responsible for
    /// authorising who sees what: this hands over every user's progress.
    /// </summary>
    public IDisposable SubscribeAll(Func<SessionUpdate, Task> handler)
    {
        ImmutableHandlers current, next;
        do
        {
            current = Volatile.Read(ref everySession);
            next = new([.. current.Items, handler]);
        }
        while (Interlocked.CompareExchange(ref everySession, next, current) != current);

        return new AllSubscription(this, handler);
    }

    public async Task NotifyAsync(SessionUpdate update)
    {
        if (handlers.TryGetValue(update.SessionId, out var current))
        {
            await CallAsync(current, update);
        }

        await CallAsync(Volatile.Read(ref everySession), update);
    }

    private static async Task CallAsync(ImmutableHandlers current, SessionUpdate update)
    {
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

    private void UnsubscribeAll(Func<SessionUpdate, Task> handler)
    {
        ImmutableHandlers current, next;
        do
        {
            current = Volatile.Read(ref everySession);
            next = new(current.Items.Where(h => h != handler).ToArray());
        }
        while (Interlocked.CompareExchange(ref everySession, next, current) != current);
    }

    private sealed record ImmutableHandlers(Func<SessionUpdate, Task>[] Items);

    private sealed class Subscription(SessionNotifier owner, Guid sessionId, Func<SessionUpdate, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(sessionId, handler);
    }

    private sealed class AllSubscription(SessionNotifier owner, Func<SessionUpdate, Task> handler) : IDisposable
    {
        public void Dispose() => owner.UnsubscribeAll(handler);
    }
}
