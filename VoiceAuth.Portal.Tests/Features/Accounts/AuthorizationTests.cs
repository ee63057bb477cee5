using System.Net;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Accounts;

public sealed class AuthorizationTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    [Theory]
    [InlineData("/Account/Manage")]
    [InlineData("/Account/Manage/ChangePassword")]
    [InlineData("/admin")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var response = await fixture.Factory.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/Account/Login", location, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(path), location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_gets_403_and_a_plain_page_on_admin_pages()
    {
        await fixture.Factory.CreateUserAsync("user403@example.com");
        var client = fixture.Factory.CreateBrowserClient();
        await client.SignInAsync("user403@example.com");

        var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access denied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_accounts_with_masked_phone_numbers()
    {
        await fixture.Factory.CreateUserAsync("listed@example.com", phone: "+12015550177");
        await fixture.Factory.CreateUserAsync("boss@example.com", roles: [Roles.Admin, Roles.User]);
        var client = fixture.Factory.CreateBrowserClient();
        await client.SignInAsync("boss@example.com");

        var page = await client.GetDocumentAsync("/admin");

        var row = page.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("listed@example.com", StringComparison.Ordinal));
        Assert.Contains("+1•••••77", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not enrolled", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("5550177", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
