using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Features.Settings;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.ScaleOut;

/// <summary>Two portal instances sharing one database and one Redis, as behind a load balancer.</summary>
public sealed class ScaleOutTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private PhoneFlowHarness? a;
    private PhoneFlowHarness? b;

    private (PhoneFlowHarness A, PhoneFlowHarness B) TwoInstances()
    {
        a = new PhoneFlowHarness();
        a.Settings["Redis:ConnectionString"] = redis.ConnectionString;
        a.Settings["Redis:Prefix"] = $"test{Guid.NewGuid():N}";
        a.KeepDirectory = true;
        b = new PhoneFlowHarness(a.Directory);
        b.Settings["Redis:ConnectionString"] = redis.ConnectionString;
        b.Settings["Redis:Prefix"] = a.Settings["Redis:Prefix"];
        // Its own key folder: only Redis can give it the keys instance A signs cookies with.
        b.Settings["DataProtection:KeysPath"] = Path.Combine(a.Directory, "keys-b");
        return (a, b);
    }

    [Fact]
    public async Task A_step_made_on_one_instance_reaches_hub_clients_and_pages_on_the_other()
    {
        var (a, b) = TwoInstances();
        var user = await a.CreateCallerAsync("scale@example.com", enrolled: true);
        var (id, callSid) = await a.StartAsync(user, SessionPurpose.Verify);

        // A hub client and an open page, both on instance A.
        await using var hub = a.CreateHubConnection(await a.SignInCookieAsync("scale@example.com"));
        var hubSeen = new ConcurrentQueue<SessionUpdate>();
        hub.On<SessionUpdate>("SessionUpdated", hubSeen.Enqueue);
        await hub.StartAsync();
        await hub.InvokeAsync<List<SessionUpdate>>("Join", id, 0);
        var pageSeen = new ConcurrentQueue<SessionUpdate>();
        using var page = a.Services.GetRequiredService<SessionNotifier>().Subscribe(id, u => { pageSeen.Enqueue(u); return Task.CompletedTask; });

        // Twilio's callback lands on instance B.
        await b.StatusAsync(id, callSid, "ringing", 1);

        await WaitForAsync(() => hubSeen.Any(u => u.State == SessionState.Ringing) && pageSeen.Any(u => u.State == SessionState.Ringing));
    }

    [Fact]
    public async Task An_every_session_subscriber_on_one_instance_hears_steps_made_on_the_other()
    {
        var (a, b) = TwoInstances();
        var user = await a.CreateCallerAsync("watched@example.com", enrolled: true);
        var (id, callSid) = await a.StartAsync(user, SessionPurpose.Verify);
        var seen = new ConcurrentQueue<SessionUpdate>();
        using var operatorPage = a.Services.GetRequiredService<SessionNotifier>().SubscribeAll(u => { seen.Enqueue(u); return Task.CompletedTask; });

        await b.StatusAsync(id, callSid, "ringing", 1);

        await WaitForAsync(() => seen.Any(u => u.SessionId == id && u.State == SessionState.Ringing));
    }

    [Fact]
    public async Task Instances_share_data_protection_keys_so_a_sign_in_works_on_both()
    {
        var (a, b) = TwoInstances();
        await a.CreateUserAsync("roam@example.com");
        var cookie = await a.SignInCookieAsync("roam@example.com");

        var client = b.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Manage");
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_setting_changed_on_one_instance_is_in_force_on_the_other_at_once()
    {
        var (a, b) = TwoInstances();
        a.Settings["Settings:RefreshSeconds"] = "300"; // the periodic read cannot be what carries it
        b.Settings["Settings:RefreshSeconds"] = "300";
        var onB = b.Services.GetRequiredService<IOptionsMonitor<VerificationOptions>>();
        var before = onB.CurrentValue.VerifyAttemptsPerCall;
        var wanted = before == 1 ? 2 : 1;
        await Task.Delay(300); // both read the table at start; B is subscribed

        var errors = await a.Services.GetRequiredService<PortalSettings>()
            .ChangeAsync(new SettingActor("admin-1", "admin@example.com"), "Verification:VerifyAttemptsPerCall", wanted.ToString(CultureInfo.InvariantCulture), confirmed: true);

        Assert.Empty(errors);
        Assert.Equal(wanted, a.Services.GetRequiredService<IOptionsMonitor<VerificationOptions>>().CurrentValue.VerifyAttemptsPerCall);
        await WaitForAsync(() => onB.CurrentValue.VerifyAttemptsPerCall == wanted);
    }

    [Fact]
    public async Task Health_includes_redis()
    {
        var (a, _) = TwoInstances();

        var body = await a.CreateClient().GetStringAsync("/health");

        Assert.Contains("\"redis\":\"Healthy\"", body, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "The update never arrived on the other instance.");
    }

    public void Dispose()
    {
        b?.Dispose();
        if (a is not null)
        {
            a.KeepDirectory = false;
            a.Dispose();
        }
    }
}
