using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Api;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Audit;

/// <summary>
/// Who and from which address: on an interactive page (a circuit, no request per event), through a proxy, and for
/// a call that ends on the carrier's webhook. Each action writes exactly one entry.
/// </summary>
public sealed class AuditOriginTests : IDisposable
{
    private const string ShopKey = "shop-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private const string Proxy = "203.0.113.9";
    private const string Browser = "198.51.100.23";
    private readonly PhoneFlowHarness portal = new();

    public AuditOriginTests()
    {
        portal.Settings["Api:Clients:0:Name"] = "shop";
        portal.Settings["Api:Clients:0:Key"] = ShopKey;
        portal.Settings["Proxy:KnownProxies:0"] = Proxy;
        RemoteAddresses.Simulate(portal);
    }

    private Task<List<AuditEntry>> EntriesAsync() =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    /// <summary>Runs <paramref name="work"/> as one event of a circuit opened from <see cref="Browser"/> by <paramref name="user"/>.</summary>
    private static async Task OnCircuitAsync(ClaimsPrincipal user, Func<Task> work)
    {
        var origin = new AuditOrigin { Ip = Browser };
        var handler = new AuditCircuitHandler(origin, new FixedAuthentication(user));
        await handler.CreateInboundActivityHandler(_ => work())(null!);
        Assert.Null(AuditOrigin.Current); // the circuit's origin does not leak out of the event
    }

    private static ClaimsPrincipal Person(string id, string email, string? role = null) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, email), .. role is null ? Array.Empty<Claim>() : [new Claim(ClaimTypes.Role, role)]],
        "Identity.Application"));

    [Fact]
    public async Task An_admin_action_on_the_account_page_records_the_admin_and_the_address_the_page_was_loaded_from()
    {
        var user = await portal.CreateCallerAsync("locked@example.com", enrolled: true);
        await portal.WithDbAsync(db => db.Voiceprints.ExecuteUpdateAsync(u => u.SetProperty(v => v.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(9))));
        var admin = Person("boss-id", "boss@example.com", "Admin");

        await OnCircuitAsync(admin, async () =>
            Assert.Null(await portal.Services.GetRequiredService<AdminActions>().UnlockAsync(AdminActor.From(admin), user, CancellationToken.None)));

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((AuditKind.AdminUnlock, "Succeeded", "boss-id", user, Browser), (entry.Kind, entry.Outcome, entry.ActorUserId, entry.SubjectUserId, entry.Ip));
    }

    [Fact]
    public async Task A_person_deleting_their_voiceprint_on_their_page_is_recorded_as_the_actor_with_their_address()
    {
        var user = await portal.CreateCallerAsync("mine@example.com", enrolled: true);

        await OnCircuitAsync(Person(user, "mine@example.com"), async () =>
            Assert.Null(await portal.Services.GetRequiredService<IVoiceprintActions>().DeleteAsync(user, CancellationToken.None)));

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((AuditKind.VoiceprintDeleted, user, "mine@example.com", user, Browser), (entry.Kind, entry.ActorUserId, entry.ActorEmail, entry.SubjectUserId, entry.Ip));
    }

    [Fact]
    public async Task A_call_from_the_page_records_the_browsers_address_when_it_starts_and_when_it_ends_on_the_carriers_webhook()
    {
        var user = await portal.CreateCallerAsync("caller@example.com", enrolled: true);
        StartResult started = null!;

        await OnCircuitAsync(Person(user, "caller@example.com"), async () =>
            started = await portal.Services.GetRequiredService<IVoiceprintActions>().StartAsync(user, SessionPurpose.Verify, CancellationToken.None));
        var session = await portal.SessionAsync(started.SessionId!.Value);
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!); // webhooks from RemoteAddresses.Default

        var entries = await EntriesAsync();
        Assert.Equal([(AuditKind.CallStarted, "Started", Browser), (AuditKind.CallEnded, "Passed", Browser)], entries.Select(e => (e.Kind, e.Outcome, e.Ip!)));
        Assert.Equal(user, entries[0].ActorUserId);
        Assert.Null(entries[1].ActorUserId); // the carrier's request is nobody's
    }

    [Fact]
    public async Task API_calls_through_a_trusted_proxy_record_the_client_behind_it_and_a_forged_header_from_elsewhere_is_ignored()
    {
        await portal.CreateCallerAsync("api@example.com", enrolled: true);
        HttpClient Api(string from, string? forwardedFor)
        {
            var client = portal.CreateClient().From(from);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ShopKey);
            if (forwardedFor is not null)
            {
                client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            }

            return client;
        }

        var started = await (await Api(Proxy, "198.51.100.7").PostAsJsonAsync("/api/v1/verifications", new { email = "api@example.com" }))
            .Content.ReadFromJsonAsync<VerificationStatus>();
        var session = await portal.SessionAsync(started!.Id);
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);
        var redeemed = await Api("192.0.2.50", "198.51.100.99").PostAsync($"/api/v1/verifications/{started.Id}/redeem", null);

        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        var entries = await EntriesAsync();
        Assert.Equal((AuditKind.CallStarted, "198.51.100.7"), (entries[0].Kind, entries[0].Ip));
        var redeem = Assert.Single(entries, e => e.Kind == AuditKind.ApiRedeem);
        Assert.Equal(("Succeeded", "192.0.2.50", "shop", session.UserId), (redeem.Outcome, redeem.Ip, redeem.Application, redeem.SubjectUserId));
    }

    [Fact]
    public async Task A_cancel_is_recorded_with_the_address_and_person_that_cancelled_not_the_requesters()
    {
        var user = await portal.CreateCallerAsync("cancel@example.com", enrolled: true);
        var api = portal.CreateClient().From("198.51.100.70");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ShopKey);
        var byApi = await (await api.PostAsJsonAsync("/api/v1/verifications", new { email = "cancel@example.com" })).Content.ReadFromJsonAsync<VerificationStatus>();
        var canceller = portal.CreateClient().From("198.51.100.71");
        canceller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ShopKey);
        Assert.Equal(HttpStatusCode.NoContent, (await canceller.DeleteAsync($"/api/v1/verifications/{byApi!.Id}")).StatusCode);

        StartResult started = null!;
        await OnCircuitAsync(Person(user, "cancel@example.com"), async () =>
        {
            var actions = portal.Services.GetRequiredService<IVoiceprintActions>();
            started = await actions.StartAsync(user, SessionPurpose.Verify, CancellationToken.None);
            await actions.CancelAsync(user, started.SessionId!.Value, CancellationToken.None);
        });

        var ended = (await EntriesAsync()).Where(e => e.Kind == AuditKind.CallEnded).ToList();
        Assert.Equal<(string, string, string?, string?)>([("Canceled", "198.51.100.71", null, "shop"), ("Canceled", Browser, user, null)],
            ended.Select(e => (e.Outcome, e.Ip!, e.ActorUserId, e.Application)));
    }

    [Fact]
    public async Task A_password_sign_in_records_the_address_it_came_from()
    {
        var user = await portal.CreateUserAsync("signin@example.com");

        await portal.CreateBrowserClient().From(Browser).SignInAsync("signin@example.com");

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((AuditKind.SignInPassword, "Succeeded", user.Id, Browser), (entry.Kind, entry.Outcome, entry.ActorUserId, entry.Ip));
    }

    public void Dispose() => portal.Dispose();

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}

/// <summary>The API's redeem and its audit entry commit together or not at all.</summary>
public sealed class RedeemAuditTransactionTests : IDisposable
{
    private const string ShopKey = "shop-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private readonly PhoneFlowHarness portal = new();
    private readonly FaultyAuditLog faulty = new();

    public RedeemAuditTransactionTests()
    {
        portal.Settings["Api:Clients:0:Name"] = "shop";
        portal.Settings["Api:Clients:0:Key"] = ShopKey;
        faulty.Install(portal);
    }

    [Fact]
    public async Task When_the_audit_entry_cannot_be_written_the_redeem_does_not_happen_either()
    {
        await portal.CreateCallerAsync("atomic@example.com", enrolled: true);
        var api = portal.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ShopKey);
        var started = await (await api.PostAsJsonAsync("/api/v1/verifications", new { email = "atomic@example.com" })).Content.ReadFromJsonAsync<VerificationStatus>();
        var session = await portal.SessionAsync(started!.Id);
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);

        faulty.FailOn = AuditKind.ApiRedeem;
        HttpStatusCode? failed = null;
        try
        {
            failed = (await api.PostAsync($"/api/v1/verifications/{started.Id}/redeem", null)).StatusCode;
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            // the test server may hand the exception to the client instead of a 500
        }

        Assert.NotEqual(HttpStatusCode.OK, failed);

        Assert.Null((await portal.SessionAsync(started.Id)).ConsumedAt); // rolled back with the entry
        faulty.FailOn = null;
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/verifications/{started.Id}/redeem", null)).StatusCode);
        var redeem = Assert.Single(await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKind.ApiRedeem).ToListAsync()));
        Assert.Equal(("Succeeded", session.UserId), (redeem.Outcome, redeem.SubjectUserId));
    }

    [Fact]
    public async Task When_the_recovery_code_entry_cannot_be_written_the_code_is_not_spent()
    {
        var user = await portal.CreateVoiceGatedAsync("codes@example.com");
        string code;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user))!, 1))!.Single();
        }

        async Task<HttpResponseMessage?> UseCodeAsync()
        {
            var client = portal.CreateBrowserClient();
            await client.SignInAsync("codes@example.com");
            try
            {
                return await client.SubmitFormAsync("/Account/LoginWithRecoveryCode", "recovery-code", new Dictionary<string, string> { ["Input.Code"] = code });
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                return null; // the test server may hand the exception to the client instead of a 500
            }
        }

        faulty.FailOn = AuditKind.SignInRecoveryCode;
        Assert.NotEqual(HttpStatusCode.Redirect, (await UseCodeAsync())?.StatusCode);

        faulty.FailOn = null;
        var used = await UseCodeAsync(); // the code survived the failed save
        Assert.Equal(HttpStatusCode.Redirect, used!.StatusCode);
        Assert.DoesNotContain("Account/", used.Headers.Location!.ToString(), StringComparison.Ordinal);
        var entry = Assert.Single(await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKind.SignInRecoveryCode).ToListAsync()));
        Assert.Equal(("Succeeded", user), (entry.Outcome, entry.SubjectUserId));
    }

    public void Dispose() => portal.Dispose();
}
