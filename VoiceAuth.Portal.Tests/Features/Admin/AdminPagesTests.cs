using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Admin;

/// <summary>The admin pages rendered on a circuit, over a real database.</summary>
public sealed class AdminPagesTests : MudTestContext
{
    private readonly PhoneFlowHarness portal = new();

    public AdminPagesTests()
    {
        Services.AddSingleton(portal.Services.GetRequiredService<AdminDirectory>());
        Services.AddSingleton(portal.Services.GetRequiredService<AdminActions>());
        Services.AddSingleton(portal.Services.GetRequiredService<AuditSearch>());
        SignInAsAdminOnCircuit();
    }

    [Fact]
    public async Task The_accounts_grid_shows_a_page_of_accounts_from_the_database()
    {
        await portal.CreateUserAsync("ann@example.com", phone: "+12015550111");
        await portal.CreateCallerAsync("bob@example.com", enrolled: true);

        var page = Render<AdminPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#accounts tbody tr").Count(r => r.TextContent.Contains("@example.com", StringComparison.Ordinal))));
        Assert.Contains("+1•••••11", page.Find("#accounts").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("5550111", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_on_the_account_page_asks_first_then_acts_and_writes_one_entry()
    {
        var user = await portal.CreateCallerAsync("locked@example.com", enrolled: true);
        await portal.WithDbAsync(db => db.Voiceprints.ExecuteUpdateAsync(u => u.SetProperty(v => v.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(10))));
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<AccountDetailPage>(p => p.Add(x => x.UserId, user));
        page.WaitForAssertion(() => Assert.Contains("Locked", page.Find("#account-state").TextContent, StringComparison.Ordinal));

        page.Find("#unlock").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("button")));
        Assert.False(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync())); // nothing before the confirmation
        dialogs.FindAll("button").First(b => b.TextContent.Contains("Unlock", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.DoesNotContain("Locked", page.Find("#account-state").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        var entry = Assert.Single(await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync()));
        Assert.Equal((AuditKind.AdminUnlock, "boss-id"), (entry.Kind, entry.ActorUserId));
        page.WaitForAssertion(() => Assert.Contains("AdminUnlock", page.Find("#account-audit").TextContent, StringComparison.Ordinal));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        portal.Dispose();
    }
}
