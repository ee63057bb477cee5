using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Tests.Biometrics;
using VoiceAuth.Portal.Tests.Infrastructure;
using VoiceAuth.SampleShop;

namespace VoiceAuth.Portal.Tests.EndToEnd;

/// <summary>
/// The sample shop and the portal side by side, in headless Chromium: the shop's password, then VoiceAuth's voice step
/// through the shop's stock AddOpenIdConnect with PAR, answered by a scripted caller through the emulator and scored by
/// the real engine — and back at the shop, signed in with the methods VoiceAuth reported, or refused.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class SampleShopJourneyTests(BrowserFixture browser, SpeechCorpusFixture corpus) : IClassFixture<SpeechCorpusFixture>, IAsyncLifetime
{
    private const string Phone = "+12015550188";
    private const string Email = "shopper@example.com";
    private const string ShopPassword = "Shop-Password-1";
    private const string Secret = "sample-shop-secret-0123456789abcdefghijklmnop";
    private readonly LivePortal portal = new();
    private readonly Speech speech = new(corpus);
    private readonly int shopPort = FreePort();
    private WebApplication? shop;

    private string ShopUrl => $"http://127.0.0.1:{shopPort}";

    public async Task InitializeAsync()
    {
        portal.Settings["Oidc:Clients:0:ClientId"] = "sample-shop";
        portal.Settings["Oidc:Clients:0:ClientSecret"] = Secret;
        portal.Settings["Oidc:Clients:0:DisplayName"] = "Sample Shop";
        portal.Settings["Oidc:Clients:0:RedirectUris:0"] = $"{ShopUrl}/signin-oidc";
        var portalUrl = portal.Start().ToString().TrimEnd('/');

        shop = ShopApp.Create(["--environment=Development"], builder =>
        {
            builder.WebHost.UseUrls(ShopUrl);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // All of it here: the test's folder holds the portal's appsettings.json, not the shop's.
                ["VoiceAuth:Authority"] = portalUrl,
                ["VoiceAuth:ClientId"] = "sample-shop",
                ["VoiceAuth:ClientSecret"] = Secret,
                ["Shop:Users:0:Email"] = Email,
                ["Shop:Users:0:Password"] = ShopPassword,
            });
        });
        await shop.StartAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_shop_lets_in_the_enrolled_voice_after_its_password_and_refuses_an_impostor(bool genuine)
    {
        var emulator = portal.Services.GetRequiredService<TwilioEmulator>();
        await EnrollAsync(emulator);
        var voice = genuine ? speech.Genuine : speech.Impostor;
        // The person keys the code VoiceAuth's page shows (read off the page below), then speaks.
        var shown = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var line = emulator.Handsets.Register(Phone, new ScriptedHandset { RingSeconds = 2 }
            .PressDigits(_ => shown.Task.Wait(TimeSpan.FromSeconds(30)) ? shown.Task.Result : "").Speak(voice[0]).Speak(voice[1]));
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = ShopUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(ShopPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // At VoiceAuth, following the call; then back at the shop.
        await page.WaitForURLAsync("**/connect/voice?**");
        var code = page.Locator("#call-code");
        await Assertions.Expect(code).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{4}$"), new() { Timeout = 15_000 });
        shown.SetResult((await code.TextContentAsync())!.Trim());
        await page.WaitForURLAsync($"{ShopUrl}/**", new() { Timeout = 60_000 });
        if (genuine)
        {
            await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync(Email);
            await Assertions.Expect(page.Locator("#amr")).ToHaveTextAsync("tel vbm");
            await Assertions.Expect(page.Locator("#acr")).ToHaveTextAsync("urn:voiceauth:voice");
        }
        else
        {
            await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("access_denied");
            await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveCountAsync(0);
        }
    }

    private async Task EnrollAsync(TwilioEmulator emulator)
    {
        var user = await portal.CreateUserAsync(Email, phone: Phone);
        await portal.WithDbAsync(async db =>
        {
            db.VoiceConsents.Add(new VoiceConsent { UserId = user.Id });
            await db.SaveChangesAsync();
            return await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true));
        });
        using (emulator.Handsets.Register(Phone, new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2])))
        {
            var enrolled = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user.Id, SessionPurpose.Enroll, CancellationToken.None);
            await emulator.WaitForCallAsync((await portal.WithDbAsync(db => Task.FromResult(db.Sessions.Single(s => s.Id == enrolled.SessionId).CallSid)))!, TimeSpan.FromSeconds(60));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (shop is not null)
        {
            await shop.DisposeAsync();
        }

        portal.Dispose();
    }
}
