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
}
