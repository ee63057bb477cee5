using System.Net;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Admin;

/// <summary>Every admin page and endpoint refuses anyone but an administrator.</summary>
public sealed class AdminAccessTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    public static TheoryData<string> AdminPaths => ["/admin", "/admin/dashboard", "/admin/calls", "/admin/settings", "/admin/settings/Verification.VerifyAttemptsPerCall", "/admin/audit", "/admin/api-clients", "/admin/accounts/someone", "/admin/audit.csv", "/admin/audit.csv?kind=AdminUnlock"];

    [Theory]
    [MemberData(nameof(AdminPaths))]
    public async Task A_user_gets_403_on_every_admin_page_and_endpoint(string path)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await fixture.Factory.CreateUserAsync(email);
        var client = fixture.Factory.CreateBrowserClient();
        await client.SignInAsync(email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("subject_email", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminPaths))]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string path)
    {
        var response = await fixture.Factory.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_an_account_with_its_phone_number_masked()
    {
        var listed = await fixture.Factory.CreateUserAsync($"listed-{Guid.NewGuid():N}@example.com", phone: "+12015550177");
        var admin = $"boss-{Guid.NewGuid():N}@example.com";
        await fixture.Factory.CreateUserAsync(admin, roles: [Roles.Admin, Roles.User]);
        var client = fixture.Factory.CreateBrowserClient();
        await client.SignInAsync(admin);

        var page = await client.GetDocumentAsync($"/admin/accounts/{listed.Id}");

        Assert.Contains("+1•••••77", page.QuerySelector("#account-state")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("5550177", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
