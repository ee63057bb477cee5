using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Api;
using VoiceAuth.Portal.Features.SignIn;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Api;

/// <summary>Another application's login page gated by the phone callback, through the HTTP API.</summary>
public sealed class VerificationApiTests : IDisposable
{
    private const string ShopKey = "shop-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private const string OtherKey = "other-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private readonly PhoneFlowHarness portal = new();

    public VerificationApiTests()
    {
        portal.Settings["Api:Clients:0:Name"] = "shop";
        portal.Settings["Api:Clients:0:Key"] = ShopKey;
        portal.Settings["Api:Clients:1:Name"] = "other";
        portal.Settings["Api:Clients:1:Key"] = OtherKey;
        portal.Settings["Api:MaxWaitSeconds"] = "10";
    }

    private HttpClient Api(string? key = ShopKey)
    {
        var client = portal.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static async Task<VerificationStatus> StatusOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<VerificationStatus>())!;

    private async Task<VerificationStatus> StartAsync(string email, string key = ShopKey)
    {
        var response = await Api(key).PostAsJsonAsync("/api/v1/verifications", new { email });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await StatusOf(response);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-configured-key-0123456789abcdefghij")]
    [InlineData("")]
    public async Task Without_a_configured_key_nothing_happens(string? key)
    {
        await portal.CreateCallerAsync("nokey@example.com", enrolled: true);

        var response = await Api(key).PostAsJsonAsync("/api/v1/verifications", new { email = "nokey@example.com" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(portal.Telephony.Placed);
        Assert.Equal(0, await portal.WithDbAsync(db => db.Sessions.CountAsync()));
    }

    [Fact]
    public async Task Starting_calls_the_person_and_reports_the_step()
    {
        await portal.CreateCallerAsync("caller@example.com", enrolled: true);

        var response = await Api().PostAsJsonAsync("/api/v1/verifications", new { email = "caller@example.com" });
        var status = await StatusOf(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/v1/verifications/{status.Id}", response.Headers.Location!.ToString());
        Assert.Equal("calling", status.State);
        Assert.False(status.Final);
        Assert.Equal(["calling"], status.Events.Select(e => e.State));
        Assert.Single(portal.Telephony.Placed);
        Assert.Equal("shop", await portal.WithDbAsync(db => db.Sessions.Select(s => s.Client).SingleAsync()));
    }

    [Fact]
    public async Task The_start_answer_carries_the_code_to_show_until_it_is_keyed()
    {
        await portal.CreateCallerAsync("code@example.com", enrolled: true);

        var started = await StartAsync("code@example.com");
        var session = await portal.SessionAsync(started.Id);
        await portal.VoiceAsync("answer", session.Id, session.CallSid!);
        var answered = await StatusOf(await Api().GetAsync($"/api/v1/verifications/{started.Id}"));
        await portal.KeyCodeAsync(session.Id, session.CallSid!);
        var recording = await StatusOf(await Api().GetAsync($"/api/v1/verifications/{started.Id}"));

        Assert.Matches("^[0-9]{4}$", started.Code);
        Assert.Equal(session.CallCode, started.Code);
        Assert.Equal(started.Code, answered.Code);
        Assert.Equal("recording", recording.State);
        Assert.Null(recording.Code);
    }

    [Fact]
    public async Task No_account_an_unconfirmed_one_and_no_voiceprint_get_one_answer()
    {
        await portal.CreateCallerAsync("notenrolled@example.com");
        var squatter = await portal.CreateCallerAsync("victim@shop.example", enrolled: true);
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == squatter).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));

        var missing = await Api().PostAsJsonAsync("/api/v1/verifications", new { email = "" });
        var answers = new List<(HttpStatusCode Status, string? Title, string? Detail, string? Reason)>();
        foreach (var email in new[] { "nobody@example.com", "victim@shop.example", "notenrolled@example.com" })
        {
            var response = await Api().PostAsJsonAsync("/api/v1/verifications", new { email });
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = problem.RootElement;
            answers.Add((response.StatusCode, root.GetProperty("title").GetString(), root.GetProperty("detail").GetString(), root.GetProperty("reason").GetString()));
        }

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Single(answers.Distinct());
        Assert.Equal((HttpStatusCode.NotFound, "NotEnrolled"), (answers[0].Status, answers[0].Reason));
        Assert.Empty(portal.Telephony.Placed); // the attacker's phone did not ring for the unconfirmed address
    }

    [Fact]
    public async Task A_passed_call_is_redeemed_once_by_its_own_client_only()
    {
        await portal.CreateCallerAsync("pass@example.com", enrolled: true);
        var started = await StartAsync("pass@example.com");
        var session = await portal.SessionAsync(started.Id);
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);

        var status = await StatusOf(await Api().GetAsync($"/api/v1/verifications/{started.Id}?after=1"));
        var stranger = await Api(OtherKey).GetAsync($"/api/v1/verifications/{started.Id}");
        var strangerRedeem = await Api(OtherKey).PostAsync($"/api/v1/verifications/{started.Id}/redeem", null);
        var redeemed = await Api().PostAsync($"/api/v1/verifications/{started.Id}/redeem", null);
        var again = await Api().PostAsync($"/api/v1/verifications/{started.Id}/redeem", null);

        Assert.Equal("passed", status.State);
        Assert.True(status.Passed && status.Final);
        Assert.Equal("passed", status.Events[^1].State);
        Assert.DoesNotContain(status.Events, e => e.State == "calling"); // only steps after the one the client had
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerRedeem.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        Assert.Equal("pass@example.com", (await redeemed.Content.ReadFromJsonAsync<RedeemedVerification>())!.Email);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("redeemed already", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_call_names_the_application_so_an_unexpected_sign_in_can_be_refused()
    {
        await portal.CreateCallerAsync("named@example.com", enrolled: true);
        var started = await StartAsync("named@example.com");
        var session = await portal.SessionAsync(started.Id);

        var twiml = await portal.VoiceAsync("answer", session.Id, session.CallSid!);

        Assert.Contains("sign-in to shop", twiml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_has_not_passed_cannot_be_redeemed()
    {
        await portal.CreateCallerAsync("early@example.com", enrolled: true);
        var started = await StartAsync("early@example.com");

        var early = await Api().PostAsync($"/api/v1/verifications/{started.Id}/redeem", null);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("has not passed", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_session_never_opens_the_portals_own_sign_in()
    {
        var user = await portal.CreateVoiceGatedAsync("crossed@example.com");
        var started = await StartAsync("crossed@example.com");
        var session = await portal.SessionAsync(started.Id);
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);

        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var accepted = await users.VerifyTwoFactorTokenAsync((await users.FindByIdAsync(user))!, VoiceTwoFactorTokenProvider.ProviderName, started.Id.ToString("N"));

        Assert.False(accepted);
        Assert.Equal("passed", (await StatusOf(await Api().GetAsync($"/api/v1/verifications/{started.Id}"))).State);
    }

    [Fact]
    public async Task A_waiting_status_request_returns_the_next_step_as_it_happens()
    {
        await portal.CreateCallerAsync("wait@example.com", enrolled: true);
        var started = await StartAsync("wait@example.com");
        var session = await portal.SessionAsync(started.Id);
        var seen = started.Events.Max(e => e.Sequence);

        var waiting = Api().GetAsync($"/api/v1/verifications/{started.Id}?after={seen}&wait=10");
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        await portal.StatusAsync(session.Id, session.CallSid!, "ringing", 1);
        var status = await StatusOf(await waiting);

        Assert.Equal("ringing", Assert.Single(status.Events).State);
        Assert.Equal(seen + 1, status.Events[0].Sequence);
    }

    [Fact]
    public async Task A_line_busy_with_someone_elses_call_is_refused_not_shared()
    {
        var user = await portal.CreateCallerAsync("busy@example.com", enrolled: true);
        var (portalSession, _) = await portal.StartAsync(user, SessionPurpose.Verify);

        var response = await Api().PostAsJsonAsync("/api/v1/verifications", new { email = "busy@example.com" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.DoesNotContain(portalSession.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Single(portal.Telephony.Placed);
    }

    [Fact]
    public async Task Cancelling_hangs_up_the_call()
    {
        await portal.CreateCallerAsync("cancel@example.com", enrolled: true);
        var started = await StartAsync("cancel@example.com");
        var session = await portal.SessionAsync(started.Id);

        var stranger = await Api(OtherKey).DeleteAsync($"/api/v1/verifications/{started.Id}");
        var cancelled = await Api().DeleteAsync($"/api/v1/verifications/{started.Id}");

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Contains(session.CallSid!, portal.Telephony.HungUp);
        Assert.Equal("canceled", (await StatusOf(await Api().GetAsync($"/api/v1/verifications/{started.Id}"))).State);
    }

    public void Dispose() => portal.Dispose();
}

/// <summary>A leaked key must not ring through a user list: each client has its own calls-per-minute budget.</summary>
public sealed class VerificationApiRateLimitTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    [Fact]
    public async Task A_client_over_its_budget_gets_429_and_no_call_while_another_client_still_gets_through()
    {
        portal.Settings["Api:Clients:0:Name"] = "noisy";
        portal.Settings["Api:Clients:0:Key"] = "noisy-key-0123456789abcdefghijklmnopqrstuvwxyz";
        portal.Settings["Api:Clients:1:Name"] = "quiet";
        portal.Settings["Api:Clients:1:Key"] = "quiet-key-0123456789abcdefghijklmnopqrstuvwxyz";
        portal.Settings["Api:CallsPerMinute"] = "2";
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await portal.CreateCallerAsync($"{name}@example.com", enrolled: true);
        }

        async Task<HttpResponseMessage> Start(string key, string email)
        {
            var client = portal.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return await client.PostAsJsonAsync("/api/v1/verifications", new { email });
        }

        var noisy = "noisy-key-0123456789abcdefghijklmnopqrstuvwxyz";
        var first = await Start(noisy, "a@example.com");
        var second = await Start(noisy, "b@example.com");
        var third = await Start(noisy, "c@example.com");
        var other = await Start("quiet-key-0123456789abcdefghijklmnopqrstuvwxyz", "d@example.com");

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted],
            new[] { first.StatusCode, second.StatusCode, third.StatusCode, other.StatusCode });
        Assert.Contains("RateLimited", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, portal.Telephony.Placed.Count);
    }

    [Fact]
    public async Task Every_spelling_of_one_key_shares_one_budget()
    {
        const string key = "noisy-key-0123456789abcdefghijklmnopqrstuvwxyz";
        portal.Settings["Api:Clients:0:Name"] = "noisy";
        portal.Settings["Api:Clients:0:Key"] = key;
        portal.Settings["Api:CallsPerMinute"] = "2";
        string[] spellings = [$"Bearer {key}", $"bearer {key}", $"BEARER {key}", $"Bearer  {key}"];
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < spellings.Length; i++)
        {
            await portal.CreateCallerAsync($"spelling{i}@example.com", enrolled: true);
            var client = portal.CreateClient();
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", spellings[i]);
            statuses.Add((await client.PostAsJsonAsync("/api/v1/verifications", new { email = $"spelling{i}@example.com" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, portal.Telephony.Placed.Count);
    }

    public void Dispose() => portal.Dispose();
}
