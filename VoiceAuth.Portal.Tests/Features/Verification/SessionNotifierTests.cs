using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>The in-process notifier: per-session subscribers and the operator's "every session" subscription.</summary>
public sealed class SessionNotifierTests
{
    private static SessionUpdate Update(Guid sessionId, SessionState state = SessionState.Ringing) =>
        new(sessionId, 1, SessionPurpose.Verify, state, 0, 3, null, null, "Ringing", false, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task An_all_sessions_subscriber_hears_every_session_even_ones_nobody_else_watches()
    {
        var notifier = new SessionNotifier();
        var seen = new List<Guid>();
        using var all = notifier.SubscribeAll(u => { seen.Add(u.SessionId); return Task.CompletedTask; });
        var watched = Guid.NewGuid();
        var unwatched = Guid.NewGuid();
        using var page = notifier.Subscribe(watched, _ => Task.CompletedTask);

        await notifier.NotifyAsync(Update(watched));
        await notifier.NotifyAsync(Update(unwatched));

        Assert.Equal([watched, unwatched], seen);
    }

    [Fact]
    public async Task All_sessions_subscribers_are_called_after_the_sessions_own_subscribers()
    {
        var notifier = new SessionNotifier();
        var order = new List<string>();
        var id = Guid.NewGuid();
        using var all = notifier.SubscribeAll(_ => { order.Add("all"); return Task.CompletedTask; });
        using var page = notifier.Subscribe(id, _ => { order.Add("page"); return Task.CompletedTask; });

        await notifier.NotifyAsync(Update(id));

        Assert.Equal(["page", "all"], order);
    }

    [Fact]
    public async Task A_disposed_all_sessions_subscription_hears_nothing_more_and_leaves_others_in_place()
    {
        var notifier = new SessionNotifier();
        var first = 0;
        var second = 0;
        var a = notifier.SubscribeAll(_ => { first++; return Task.CompletedTask; });
        using var b = notifier.SubscribeAll(_ => { second++; return Task.CompletedTask; });

        await notifier.NotifyAsync(Update(Guid.NewGuid()));
        a.Dispose();
        await notifier.NotifyAsync(Update(Guid.NewGuid()));

        Assert.Equal(1, first);
        Assert.Equal(2, second);
    }

    [Fact]
    public async Task A_subscriber_that_went_away_does_not_stop_the_others()
    {
        var notifier = new SessionNotifier();
        var heard = 0;
        using var gone = notifier.SubscribeAll(_ => throw new ObjectDisposedException("page"));
        using var alive = notifier.SubscribeAll(_ => { heard++; return Task.CompletedTask; });

        await notifier.NotifyAsync(Update(Guid.NewGuid()));

        Assert.Equal(1, heard);
    }

    [Fact]
    public async Task Concurrent_subscribes_and_disposes_lose_no_subscriber()
    {
        var notifier = new SessionNotifier();
        var kept = 0;
        using var keeper = notifier.SubscribeAll(_ => { Interlocked.Increment(ref kept); return Task.CompletedTask; });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                notifier.SubscribeAll(_ => Task.CompletedTask).Dispose();
            }
        })));
        await notifier.NotifyAsync(Update(Guid.NewGuid()));

        Assert.Equal(1, kept);
    }
}
