using Microsoft.Playwright;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.EndToEnd;

/// <summary>The dark theme, once chosen, stays on the next page — the statically rendered account pages too.</summary>
[Collection(BrowserTests.Name)]
public sealed class ThemeTests(BrowserFixture browser) : IDisposable
{
    private readonly LivePortal portal = new();

    [Fact]
    public async Task The_dark_theme_is_remembered_across_pages()
    {
        var baseUrl = portal.Start();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ColorScheme = ColorScheme.Light });
        var page = await context.NewPageAsync();
        await page.GotoAsync("");
        await page.Locator("[data-interactive=true]").WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        Assert.Contains("va-theme=dark", await page.EvaluateAsync<string>("document.cookie"), StringComparison.Ordinal);
        await page.GotoAsync("Account/Login"); // a static page: rendered by the server alone

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        await page.GotoAsync("softphone");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
    }

    public void Dispose() => portal.Dispose();
}
