using System.Net;
using System.Net.Http.Headers;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Api.Clients;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Api;

/// <summary>The API clients page on a circuit, over a real database: the key appears once, the database keeps its hash.</summary>
public sealed class ApiClientsPageTests : MudTestContext
{
    private readonly PhoneFlowHarness portal = new();

    public ApiClientsPageTests()
    {
        Services.AddSingleton(portal.Services.GetRequiredService<ApiClientAdmin>());
        SignInAsAdminOnCircuit();
    }

    private Task<List<AuditEntry>> AuditAsync() => portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private async Task<HttpStatusCode> ProbeAsync(string key)
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (await client.GetAsync($"/api/v1/verifications/{Guid.NewGuid()}")).StatusCode;
    }

    private IRenderedComponent<ApiClientsPage> Create(string name)
    {
        var page = Render<ApiClientsPage>();
        page.Find("#new-client-name").Change(name);
        page.Find("#create-client").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#issued-key-value")), TimeSpan.FromSeconds(5));
        return page;
    }

    [Fact]
    public async Task A_created_clients_key_is_shown_once_works_and_only_its_hash_is_stored()
    {
        var page = Create("crm");

        var key = page.Find("#issued-key-value").TextContent.Trim();
        Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
        Assert.Equal(ApiKeys.Hash(key), await portal.WithDbAsync(db => db.Set<StoredApiClient>().Select(c => c.KeyHash).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, await ProbeAsync(key)); // authenticated; no such verification
        page.WaitForAssertion(() => Assert.Contains("console", page.Find("tr[data-client=crm]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(key, page.Find("#api-clients").TextContent, StringComparison.Ordinal); // the list names it by its id only

        var again = Render<ApiClientsPage>(); // the page opened again: the key is not there to be read a second time
        again.WaitForAssertion(() => Assert.NotNull(again.Find("tr[data-client=crm]")));
        Assert.Empty(again.FindAll("#issued-key"));
        Assert.DoesNotContain(key.Split('_', 3)[2], again.Markup, StringComparison.Ordinal); // the secret (it may hold '_' itself)
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((AuditKind.ApiClientCreated, "boss-id", "crm"), (entry.Kind, entry.ActorUserId, entry.Application));
    }

    [Fact]
    public async Task Rotating_asks_first_then_shows_the_new_key_and_writes_one_entry()
    {
        var page = Create("crm");
        var old = page.Find("#issued-key-value").TextContent.Trim();
        var dialogs = Render<MudBlazor.MudDialogProvider>();

        page.Find("tr[data-client=crm] .rotate").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("keeps working for 24 hours", dialogs.Markup, StringComparison.Ordinal));
        Assert.Single(await AuditAsync()); // nothing before the confirmation
        dialogs.FindAll("button").First(b => b.TextContent.Contains("Rotate key", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.NotEqual(old, page.Find("#issued-key-value").TextContent.Trim()), TimeSpan.FromSeconds(5));
        var fresh = page.Find("#issued-key-value").TextContent.Trim();
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (await ProbeAsync(old), await ProbeAsync(fresh))); // old key in its grace period
        Assert.Equal([AuditKind.ApiClientCreated, AuditKind.ApiClientRotated], (await AuditAsync()).Select(e => e.Kind));
    }

    [Fact]
    public async Task Revoking_asks_first_then_the_key_gets_401_and_one_entry_is_written()
    {
        var page = Create("crm");
        var key = page.Find("#issued-key-value").TextContent.Trim();
        var dialogs = Render<MudBlazor.MudDialogProvider>();

        page.Find("tr[data-client=crm] .revoke").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, await ProbeAsync(key)); // nothing before the confirmation
        dialogs.FindAll("button").First(b => b.TextContent.Contains("Revoke", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("tr[data-client=crm] .client-state").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Empty(page.FindAll("#issued-key")); // the revoked client's key is no longer on screen
        Assert.Empty(page.FindAll("tr[data-client=crm] .rotate"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProbeAsync(key));
        Assert.Equal([AuditKind.ApiClientCreated, AuditKind.ApiClientRevoked], (await AuditAsync()).Select(e => e.Kind));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        portal.Dispose();
    }
}
