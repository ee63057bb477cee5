using Microsoft.Playwright;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.EndToEnd;

[Collection(BrowserTests.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser) : IDisposable
{
    private readonly LivePortal portal = new();

    [Fact]
    public async Task A_newcomer_registers_signs_in_and_saves_a_phone_on_a_phone_sized_screen()
    {
        var baseUrl = portal.Start();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("Account/Register");
        await page.GetByLabel("E-mail").FillAsync("grace@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestPasswords.Good);
        await page.GetByLabel("Confirm password").FillAsync(TestPasswords.Good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await page.WaitForURLAsync("**/Account/Manage");
        await page.GetByLabel("Mobile phone number").FillAsync("+1 201 555 0188");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#current-phone")).ToContainTextAsync("+1 201-555-0188");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("saved");

        // Nothing overflows sideways at phone width.
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The profile page scrolls sideways at 390 px.");

        // The shell is interactive on normal pages: the menu opens on a phone.
        await page.GotoAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the menu" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My profile" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_phone_number_is_explained_next_to_the_field()
    {
        await portal.CreateUserAsync("heidi@example.com");
        var baseUrl = portal.Start();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("Account/Login");
        await page.GetByLabel("E-mail").FillAsync("heidi@example.com");
        await page.GetByLabel("Password").FillAsync(TestPasswords.Good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync("Account/Manage");
        await page.GetByLabel("Mobile phone number").FillAsync("555");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator(".va-error")).ToContainTextAsync("does not exist");
    }

    public void Dispose() => portal.Dispose();
}
