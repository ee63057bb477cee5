using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>Outbound calls cost money: however many times a person asks at once, one call is placed.</summary>
public sealed class OneLiveCallTests : IAsyncLifetime
{
    private readonly PhoneFlowHarness portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Simultaneous_requests_share_one_session_and_one_call()
    {
        var user = await portal.CreateCallerAsync("twice@example.com", enrolled: true);
        var service = portal.Services.GetRequiredService<VerificationService>();

        // Several tabs (or a double click) asking at the same instant.
        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(requests);

        Assert.All(results, r => Assert.NotNull(r.SessionId));
        Assert.Single(results.Select(r => r.SessionId).Distinct());
        Assert.Single(portal.Telephony.Placed);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == user)));
    }

    [Fact]
    public async Task A_new_call_is_placed_once_the_previous_one_is_over()
    {
        var user = await portal.CreateCallerAsync("again@example.com", enrolled: true);
        var (first, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        await portal.StatusAsync(first, callSid, "busy", 1);

        var (second, _) = await portal.StartAsync(user, SessionPurpose.Verify);

        Assert.NotEqual(first, second);
        Assert.Equal(2, portal.Telephony.Placed.Count);
    }
}
