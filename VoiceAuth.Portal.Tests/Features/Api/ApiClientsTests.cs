using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Api.Clients;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Api;

/// <summary>API clients made in the admin console: created, rotated and revoked there, keys stored only hashed.</summary>
public sealed class ApiClientsTests : IDisposable
{
    private const string ConfiguredKey = "shop-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static readonly AdminActor Boss = new("boss-id", "boss@example.com");
    private readonly ShiftedClock clock = new();
    private readonly PhoneFlowHarness portal = new();

    public ApiClientsTests()
    {
        portal.Settings["Api:Clients:0:Name"] = "shop";
        portal.Settings["Api:Clients:0:Key"] = ConfiguredKey;
        portal.TestServices.Add(services => services.AddSingleton<TimeProvider>(clock));
    }

    private ApiClientAdmin Clients => portal.Services.GetRequiredService<ApiClientAdmin>();

    private static HttpClient Api(PortalFactory host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>An authenticated request that changes nothing: 404 for an unknown verification, 401 for a refused key.</summary>
    private static async Task<HttpStatusCode> ProbeAsync(PortalFactory host, string key) =>
        (await Api(host, key).GetAsync($"/api/v1/verifications/{Guid.NewGuid()}")).StatusCode;

    private Task<List<AuditEntry>> AuditAsync() => portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task A_created_client_works_at_once_and_only_a_hash_of_its_key_is_stored()
    {
        var issued = await Clients.CreateAsync(Boss, "crm", CancellationToken.None);

        Assert.Null(issued.Refusal);
        var key = issued.Key!;
        Assert.StartsWith("vak_", key, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await ProbeAsync(portal, key));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProbeAsync(portal, key[..^1] + (key[^1] == 'A' ? 'B' : 'A')));
        var stored = await portal.WithDbAsync(db => db.Set<StoredApiClient>().AsNoTracking().SingleAsync());
        Assert.Equal(ApiKeys.Hash(key), stored.KeyHash);
        var secret = key.Split('_', 3)[2]; // vak_<key id>_<secret>: the secret itself may hold '_'
        foreach (var file in System.IO.Directory.GetFiles(portal.Directory, "portal.db*")) // the database and its write-ahead log
        {
            Assert.DoesNotContain(secret, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }

        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((AuditKind.ApiClientCreated, "Succeeded", "boss-id", "boss@example.com", "crm"),
            (entry.Kind, entry.Outcome, entry.ActorUserId, entry.ActorEmail, entry.Application));
        Assert.DoesNotContain(secret, entry.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_started_with_a_console_key_owns_its_verification()
    {
        await portal.CreateCallerAsync("ann@example.com", enrolled: true);
        var key = (await Clients.CreateAsync(Boss, "crm", CancellationToken.None)).Key!;

        var started = await Api(portal, key).PostAsJsonAsync("/api/v1/verifications", new { email = "ann@example.com" });

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("crm", await portal.WithDbAsync(db => db.Sessions.Select(s => s.Client).SingleAsync()));
        var id = (await started.Content.ReadFromJsonAsync<VoiceAuth.Portal.Features.Api.VerificationStatus>())!.Id;
        Assert.Equal(HttpStatusCode.NotFound, (await Api(portal, ConfiguredKey).GetAsync($"/api/v1/verifications/{id}")).StatusCode);
    }

    [Fact]
    public async Task After_a_rotation_the_old_key_works_for_the_grace_period_and_then_stops()
    {
        var old = (await Clients.CreateAsync(Boss, "crm", CancellationToken.None)).Key!;

        var rotated = await Clients.RotateAsync(Boss, "crm", TimeSpan.FromHours(1), CancellationToken.None);

        var fresh = rotated.Key!;
        Assert.NotEqual(old, fresh);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (await ProbeAsync(portal, old), await ProbeAsync(portal, fresh)));
        var listed = Assert.Single(await Clients.ListAsync(), c => c.Name == "crm");
        Assert.NotNull(listed.PreviousKeyExpiresAt);
        clock.Offset = TimeSpan.FromMinutes(61);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.NotFound), (await ProbeAsync(portal, old), await ProbeAsync(portal, fresh)));
        Assert.Null(Assert.Single(await Clients.ListAsync(), c => c.Name == "crm").PreviousKeyExpiresAt);
        var rotation = Assert.Single(await AuditAsync(), e => e.Kind == AuditKind.ApiClientRotated);
        Assert.Equal(("boss-id", "crm"), (rotation.ActorUserId, rotation.Application));
        Assert.Contains("works until", rotation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotation_without_grace_stops_the_old_key_at_once()
    {
        var old = (await Clients.CreateAsync(Boss, "crm", CancellationToken.None)).Key!;

        var fresh = (await Clients.RotateAsync(Boss, "crm", TimeSpan.Zero, CancellationToken.None)).Key!;

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.NotFound), (await ProbeAsync(portal, old), await ProbeAsync(portal, fresh)));
    }

    [Fact]
    public async Task A_revoked_client_gets_401_at_once_on_every_instance()
    {
        var key = (await Clients.CreateAsync(Boss, "crm", CancellationToken.None)).Key!;
        await Clients.RotateAsync(Boss, "crm", TimeSpan.FromDays(1), CancellationToken.None); // the old key too
        using var other = new PhoneFlowHarness(portal.Directory) { KeepDirectory = true };
        other.Settings["Api:Clients:0:Name"] = "shop";
        other.Settings["Api:Clients:0:Key"] = ConfiguredKey;
        Assert.Equal(HttpStatusCode.NotFound, await ProbeAsync(other, key)); // the second instance knows the client

        Assert.Null(await Clients.RevokeAsync(Boss, "crm", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, await ProbeAsync(portal, key));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProbeAsync(other, key));
        var revocation = Assert.Single(await AuditAsync(), e => e.Kind == AuditKind.ApiClientRevoked);
        Assert.Equal(("boss-id", "crm", "Succeeded"), (revocation.ActorUserId, revocation.Application, revocation.Outcome));
        Assert.NotNull(await Clients.RevokeAsync(Boss, "crm", CancellationToken.None)); // already revoked: refused, not audited again
        Assert.NotNull((await Clients.RotateAsync(Boss, "crm", TimeSpan.Zero, CancellationToken.None)).Refusal);
        Assert.Single(await AuditAsync(), e => e.Kind == AuditKind.ApiClientRevoked);
    }

    [Theory]
    [InlineData("shop")] // a configured client's
    [InlineData("SHOP")]
    [InlineData("crm")] // an existing console client's
    [InlineData("Crm")]
    [InlineData("bad name")]
    [InlineData("")]
    public async Task A_name_that_is_taken_or_malformed_is_refused_and_not_audited(string name)
    {
        await Clients.CreateAsync(Boss, "crm", CancellationToken.None);

        var refused = await Clients.CreateAsync(Boss, name, CancellationToken.None);

        Assert.Null(refused.Key);
        Assert.NotNull(refused.Refusal);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Set<StoredApiClient>().CountAsync()));
        Assert.Single(await AuditAsync());
    }

    [Fact]
    public async Task A_revoked_clients_name_is_never_given_to_a_new_client()
    {
        await Clients.CreateAsync(Boss, "crm", CancellationToken.None);
        await Clients.RevokeAsync(Boss, "crm", CancellationToken.None);

        Assert.NotNull((await Clients.CreateAsync(Boss, "crm", CancellationToken.None)).Refusal);
    }

    [Fact]
    public async Task Configured_clients_are_listed_as_such_and_cannot_be_changed_from_the_console()
    {
        var listed = await Clients.ListAsync();

        var shop = Assert.Single(listed);
        Assert.Equal(("shop", true, null), (shop.Name, shop.FromConfiguration, shop.KeyHint));
        Assert.Contains("configuration", (await Clients.RotateAsync(Boss, "shop", TimeSpan.Zero, CancellationToken.None)).Refusal, StringComparison.Ordinal);
        Assert.Contains("configuration", await Clients.RevokeAsync(Boss, "shop", CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await ProbeAsync(portal, ConfiguredKey));
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task The_old_and_the_new_key_of_a_rotated_client_share_one_call_budget()
    {
        portal.Settings["Api:CallsPerMinute"] = "2";
        var old = (await Clients.CreateAsync(Boss, "crm", CancellationToken.None)).Key!;
        var fresh = (await Clients.RotateAsync(Boss, "crm", TimeSpan.FromHours(1), CancellationToken.None)).Key!;
        var statuses = new List<HttpStatusCode>();
        foreach (var (key, i) in new[] { old, fresh, fresh }.Select((k, i) => (k, i)))
        {
            await portal.CreateCallerAsync($"budget{i}@example.com", enrolled: true);
            statuses.Add((await Api(portal, key).PostAsJsonAsync("/api/v1/verifications", new { email = $"budget{i}@example.com" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, portal.Telephony.Placed.Count);
    }

    [Theory]
    [InlineData("vak_0123456789abcdef_")]
    [InlineData("vak_0123456789ABCDEF_secret")]
    [InlineData("vak_short_secret")]
    [InlineData("not-a-console-key")]
    public void Malformed_console_keys_have_no_key_id(string key) => Assert.Null(ApiKeys.KeyIdOf(key));

    [Fact]
    public void Issued_keys_carry_their_id_and_differ_every_time()
    {
        var (id, key) = ApiKeys.Create();
        var (otherId, otherKey) = ApiKeys.Create();

        Assert.Equal(id, ApiKeys.KeyIdOf(key));
        Assert.NotEqual((id, key), (otherId, otherKey));
        Assert.True(key.Length >= VoiceAuth.Portal.Features.Api.ApiOptionsValidator.MinKeyLength);
    }

    public void Dispose() => portal.Dispose();
}
