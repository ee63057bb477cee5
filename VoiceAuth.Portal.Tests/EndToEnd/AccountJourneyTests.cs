using Microsoft.Playwright;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.EndToEnd;

[Collection(BrowserTests.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser) : IDisposable
{
    private readonly LivePortal portal = new();

    [Fact]
    public async Task A_newcomer_registers_confirms_the_address_signs_in_and_is_told_what_comes_next_on_a_phone_sized_screen()
    {
        var baseUrl = portal.Start();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("Account/Register");
        await page.GetByLabel("E-mail").FillAsync("grace@example.com");
        await page.GetByLabel("Mobile phone number").FillAsync("+1 201 555 0188");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestPasswords.Good);
        await page.GetByLabel("Confirm password").FillAsync(TestPasswords.Good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // Next: the e-mail. In development it is in the outbox, one click away.
        await page.WaitForURLAsync("**/Account/RegisterConfirmation");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Next: confirm your e-mail" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "outbox" }).ClickAsync();
        await page.Locator(".va-mail a[href*='ConfirmEmail']").First.ClickAsync();
        await Assertions.Expect(page.Locator("#next-step")).ToContainTextAsync("enroll your voice");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First.ClickAsync();
        await page.GetByLabel("E-mail").FillAsync("grace@example.com");
        await page.GetByLabel("Password").FillAsync(TestPasswords.Good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync("Account/Manage");

        await Assertions.Expect(page.Locator("#current-phone")).ToContainTextAsync("+1 201-555-0188");
        await Assertions.Expect(page.Locator("#next-step")).ToContainTextAsync("enroll your voice");
        await page.GetByLabel("Name (optional)").FillAsync("Grace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
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
