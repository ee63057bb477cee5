using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Realtime;

public sealed class VerificationHubTests : IAsyncLifetime
{
    private readonly PhoneFlowHarness portal = new();
    private string owner = "";
    private Guid sessionId;
    private string callSid = "";

    public async Task InitializeAsync()
    {
        owner = await portal.CreateCallerAsync("owner@example.com", enrolled: true);
        (sessionId, callSid) = await portal.StartAsync(owner, SessionPurpose.Verify);
    }

    [Fact]
    public async Task A_client_joins_its_session_gets_the_stored_steps_then_live_ones()
    {
        await using var hub = portal.CreateHubConnection(await portal.SignInCookieAsync("owner@example.com"));
        var live = new ConcurrentQueue<SessionUpdate>();
        hub.On<SessionUpdate>("SessionUpdated", live.Enqueue);
        await hub.StartAsync();

        var stored = await hub.InvokeAsync<List<SessionUpdate>>("Join", sessionId, 0);
        await portal.StatusAsync(sessionId, callSid, "ringing", 1);

        Assert.Equal([SessionState.Calling], stored.Select(u => u.State));
        await WaitForAsync(() => live.Any(u => u.State == SessionState.Ringing));
        var ringing = live.Single(u => u.State == SessionState.Ringing);
        Assert.Equal(2, ringing.Sequence);
        Assert.Contains("ringing", ringing.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_client_that_reconnects_catches_up_without_gaps_or_reordering()
    {
        var cookie = await portal.SignInCookieAsync("owner@example.com");
        var seen = new SortedDictionary<int, SessionState>();
        await using (var first = portal.CreateHubConnection(cookie))
        {
            await first.StartAsync();
            foreach (var u in await first.InvokeAsync<List<SessionUpdate>>("Join", sessionId, 0))
            {
                seen[u.Sequence] = u.State;
            }
        }

        // Disconnected while the call moves on.
        await portal.StatusAsync(sessionId, callSid, "ringing", 1);
        await portal.VoiceAsync("answer", sessionId, callSid, new() { ["AnsweredBy"] = "human" });
        await portal.KeyCodeAsync(sessionId, callSid);

        await using var second = portal.CreateHubConnection(cookie);
        await second.StartAsync();
        foreach (var u in await second.InvokeAsync<List<SessionUpdate>>("Join", sessionId, seen.Keys.Max()))
        {
            Assert.DoesNotContain(u.Sequence, seen.Keys);
            seen[u.Sequence] = u.State;
        }

        Assert.Equal(Enumerable.Range(1, seen.Count), seen.Keys);
        Assert.Equal([SessionState.Calling, SessionState.Ringing, SessionState.Answered, SessionState.Recording], seen.Values);
    }

    [Fact]
    public async Task Nobody_can_join_another_persons_session()
    {
        await portal.CreateUserAsync("mallory@example.com");
        await using var hub = portal.CreateHubConnection(await portal.SignInCookieAsync("mallory@example.com"));
        var received = 0;
        hub.On<SessionUpdate>("SessionUpdated", _ => Interlocked.Increment(ref received));
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<List<SessionUpdate>>("Join", sessionId, 0));
        await portal.StatusAsync(sessionId, callSid, "ringing", 1);
        await Task.Delay(300);

        Assert.Contains("No such session", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, received);
    }

    [Fact]
    public async Task Anonymous_clients_cannot_connect()
    {
        await using var hub = portal.CreateHubConnection(cookie: null);

        await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "Timed out waiting for a hub message.");
    }

    public Task DisposeAsync()
    {
        portal.Dispose();
        return Task.CompletedTask;
    }
}
