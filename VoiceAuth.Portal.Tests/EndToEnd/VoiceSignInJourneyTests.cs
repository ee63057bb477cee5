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
/// Signing in once enrolled: the password, then "Call me now", the (emulated) phone rings, the enrolled voice
/// answers — and the person lands signed in.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class VoiceSignInJourneyTests(BrowserFixture browser, SpeechCorpusFixture corpus) : IClassFixture<SpeechCorpusFixture>, IDisposable
{
    private readonly LivePortal portal = new();
    private readonly Speech speech = new(corpus);

    [Fact]
    public async Task An_enrolled_person_signs_in_by_answering_the_call()
    {
        var baseUrl = portal.Start();
        var emulator = portal.Services.GetRequiredService<TwilioEmulator>();
        const string phone = "+12015550143";
        var user = await portal.CreateUserAsync("gate@example.com", phone: phone);
        await portal.WithDbAsync(db => { db.VoiceConsents.Add(new VoiceConsent { UserId = user.Id }); return db.SaveChangesAsync(); });
        using (emulator.Handsets.Register(phone, new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2])))
        {
            var enrolled = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user.Id, SessionPurpose.Enroll, CancellationToken.None);
            await emulator.WaitForCallAsync((await portal.WithDbAsync(db => Task.FromResult(db.Sessions.Single(s => s.Id == enrolled.SessionId).CallSid)))!, TimeSpan.FromSeconds(60));
        }

        // The person reads the code off the waiting page and keys it: the handset waits for what the page shows.
        var shown = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var line = emulator.Handsets.Register(phone, new ScriptedHandset { RingSeconds = 2 }
            .PressDigits(_ => shown.Task.Wait(TimeSpan.FromSeconds(30)) ? shown.Task.Result : "").Speak(speech.Genuine[0]).Speak(speech.Genuine[1]));
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login?returnUrl=%2Fvoiceprint");
        await page.GetByLabel("E-mail").FillAsync("gate@example.com");
        await page.GetByLabel("Password").FillAsync(TestPasswords.Good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/Account/LoginWithVoice**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Call me now" }).ClickAsync();
        var code = page.Locator("#call-code");
        await Assertions.Expect(code).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{4}$"), new() { Timeout = 15_000 });
        shown.SetResult((await code.TextContentAsync())!.Trim());

        // The whole call (ring, code, two takes scored) on a machine that may be running the rest of the suite too.
        await page.WaitForURLAsync("**/voiceprint", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#status-chip")).ToHaveTextAsync("Enrolled");
        await Assertions.Expect(page.GetByText("gate@example.com")).ToBeVisibleAsync();
    }

    public void Dispose() => portal.Dispose();
}
