using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Biometrics;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.EndToEnd;

/// <summary>
/// The product's promise in a real browser: sign in, click "Verify by voice", the (emulated) phone rings, a
/// scripted caller answers with a recording, and the open page follows the call live to its result.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class VerifyByVoiceTests(BrowserFixture browser, SpeechCorpusFixture corpus) : IClassFixture<SpeechCorpusFixture>, IDisposable
{
    private readonly LivePortal portal = new();
    private readonly Speech speech = new(corpus);

    [Theory]
    [InlineData(true, "Passed", "It is you")]
    [InlineData(false, "Failed", "did not match")]
    public async Task The_page_follows_the_call_to_its_result(bool genuine, string headline, string message)
    {
        var baseUrl = portal.Start();
        var emulator = portal.Services.GetRequiredService<TwilioEmulator>();
        const string phone = "+12015550142";
        var user = await portal.CreateUserAsync("voice@example.com", phone: phone);
        await portal.WithDbAsync(db => { db.VoiceConsents.Add(new VoiceConsent { UserId = user.Id }); return db.SaveChangesAsync(); });
        // Signed in before enrolling: once enrolled, signing in takes a call too (VoiceSignInJourneyTests).
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("E-mail").FillAsync("voice@example.com");
        await page.GetByLabel("Password").FillAsync(TestPasswords.Good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("Account/Login", StringComparison.Ordinal));
        using (emulator.Handsets.Register(phone, new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2])))
        {
            var enrolled = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user.Id, SessionPurpose.Enroll, CancellationToken.None);
            await emulator.WaitForCallAsync((await portal.WithDbAsync(db => Task.FromResult(db.Sessions.Single(s => s.Id == enrolled.SessionId).CallSid)))!, TimeSpan.FromSeconds(60));
        }

        var takes = genuine ? speech.Genuine : speech.Impostor;
        // The person keys the code My voiceprint shows: the handset waits for what the page displays.
        var shown = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var line = emulator.Handsets.Register(phone, new ScriptedHandset { RingSeconds = 2 }
            .PressDigits(_ => shown.Task.Wait(TimeSpan.FromSeconds(30)) ? shown.Task.Result : "").Speak(takes[0]).Speak(takes[1]));
        await page.GotoAsync("voiceprint");
        await Assertions.Expect(page.Locator("#status-chip")).ToHaveTextAsync("Enrolled", new() { Timeout = 20_000 });
        await page.Locator("[data-interactive=true]").WaitForAsync(); // buttons work once the circuit is up

        await page.Locator("#verify").ClickAsync();
        var code = page.Locator("#call-code");
        await Assertions.Expect(code).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{4}$"), new() { Timeout = 15_000 });
        shown.SetResult((await code.TextContentAsync())!.Trim());

        await Assertions.Expect(page.Locator("#progress-headline")).ToHaveTextAsync(headline, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#progress-message")).ToContainTextAsync(message);
        var steps = await page.Locator("#progress-steps li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.state)");
        Assert.Equal(["Calling", "Ringing", "Answered", "Recording", "Checking"], steps.Take(5));
        await Assertions.Expect(page.Locator("#history tbody tr").First).ToContainTextAsync(genuine ? "Passed" : "Failed");
    }

    public void Dispose() => portal.Dispose();
}
