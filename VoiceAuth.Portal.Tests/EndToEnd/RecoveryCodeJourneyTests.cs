using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.EndToEnd;

/// <summary>The phone is lost: a saved recovery code gets the person in, on a phone-sized screen, and new codes are made.</summary>
[Collection(BrowserTests.Name)]
public sealed class RecoveryCodeJourneyTests(BrowserFixture browser) : IDisposable
{
    private readonly LivePortal portal = new();

    [Fact]
    public async Task A_person_without_their_phone_signs_in_with_a_recovery_code_and_makes_new_ones()
    {
        var baseUrl = portal.Start();
        var user = await portal.CreateUserAsync("nophone@example.com", phone: "+12015550166");
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true)));
        // Enrolled with the engine in use (its content is never read here: no call is made).
        await portal.WithDbAsync(db =>
        {
            db.Voiceprints.Add(new Voiceprint { UserId = user.Id, Engine = "local", EnrollmentCount = 3, IsComplete = true, EnrolledAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        string code;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.Id))!, 10))!.First();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login?returnUrl=%2FAccount%2FManage%2FRecoveryCodes");
        await page.GetByLabel("E-mail").FillAsync("nophone@example.com");
        await page.GetByLabel("Password").FillAsync(TestPasswords.Good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/Account/LoginWithVoice**");
        await page.GetByRole(AriaRole.Link, new() { Name = "No phone at hand? Use a recovery code" }).ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/Account/Manage/RecoveryCodes");
        await Assertions.Expect(page.Locator("#codes-left")).ToContainTextAsync("9 unused recovery codes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make new codes (the old ones stop working)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recovery-codes code")).ToHaveCountAsync(10);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"),
            "The recovery codes page scrolls sideways at 390 px.");
        if (Environment.GetEnvironmentVariable("VOICEAUTH_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "recovery-codes-phone.png"), FullPage = true });
        }
    }

    public void Dispose() => portal.Dispose();
}
