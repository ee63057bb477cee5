using System.Net;
using System.Text.Json;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Shell;

public sealed class ShellTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    [Fact]
    public async Task Health_reports_the_database()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task An_unknown_address_gets_a_friendly_404_page()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task The_home_page_offers_sign_in_to_visitors()
    {
        var page = await fixture.Factory.CreateClient().GetDocumentAsync("/");

        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "Account/Login");
        Assert.NotNull(page.QuerySelector("meta[name=viewport][content*='width=device-width']"));
    }
}
