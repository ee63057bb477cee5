using Microsoft.Playwright;
using VoiceAuth.Portal.Tests.Biometrics;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.EndToEnd;

/// <summary>
/// The journey that used to end on "No answer": enroll by answering the softphone, close the browser, then sign in
/// from a fresh one — password, "Call me now", the softphone (no portal sign-in) answers, the voice passes.
/// Nothing here is scripted on the server side: every key and recording goes through the softphone page.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FreshBrowserSignInJourneyTests(BrowserFixture browser, SpeechCorpusFixture corpus) : IClassFixture<SpeechCorpusFixture>, IDisposable
{
    private const string Phone = "+12015550177";
    private const string Email = "fresh@example.com";
    private static readonly LocatorAssertionsToBeVisibleOptions Call = new() { Timeout = 30_000 };
    private readonly LivePortal portal = new();
    private readonly Speech speech = new(corpus);

    [Fact]
    public async Task Enrolled_on_the_softphone_then_a_fresh_browser_signs_in_by_answering_the_softphone()
    {
        var baseUrl = portal.Start();
        await portal.CreateUserAsync(Email, phone: Phone);

        await using (var first = await NewContextAsync(baseUrl))
        {
            var page = await first.NewPageAsync();
            await SignInWithPasswordAsync(page);
            await page.WaitForURLAsync(url => !url.Contains("Account/Login", StringComparison.Ordinal));
            await page.GotoAsync("voiceprint");
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await page.Locator("#consent-check").ClickAsync();
            await page.Locator("#consent-agree").ClickAsync();
            await page.Locator("#enroll").ClickAsync();

            // The enrollment call is picked up from the softphone's list of ringing numbers.
            var phone = await first.NewPageAsync();
            await phone.GotoAsync("softphone");
            await phone.Locator("#softphone-ringing .mud-list-item").Filter(new() { HasText = "201-555-0177" }).ClickAsync(new() { Timeout = 30_000 });
            await AnswerAsync(phone, page, speech.Enrollment);

            await Assertions.Expect(page.Locator("#status-chip")).ToHaveTextAsync("Enrolled", new() { Timeout = 60_000 });
        } // the browser is closed: no softphone tab survives

        await using var fresh = await NewContextAsync(baseUrl);
        var signIn = await fresh.NewPageAsync();
        await signIn.GotoAsync("Account/Login?returnUrl=%2Fvoiceprint");
        await SignInWithPasswordAsync(signIn);
        await signIn.WaitForURLAsync("**/Account/LoginWithVoice**");
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Call me now" }).ClickAsync();

        // The button posts the form: wait for the call page to replace it, or a click on the softphone link can land on
        // the page being replaced and open nothing (seen on a busy machine).
        try
        {
            await signIn.Locator("#call-me").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        }
        catch (Exception e) when (e is System.TimeoutException or PlaywrightException)
        {
            throw new Xunit.Sdk.XunitException($"No call was started. The sign-in page shows: {await signIn.Locator("body").InnerTextAsync()}");
        }


        var softphone = await fresh.RunAndWaitForPageAsync(() => signIn.Locator("#open-softphone").ClickAsync());
        try
        {
            await AnswerAsync(softphone, signIn, speech.Genuine);
        }
        catch (Exception e) when (e is PlaywrightException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nThe sign-in page shows: {await signIn.Locator("body").InnerTextAsync()}");
        }

        await signIn.WaitForURLAsync("**/voiceprint", new() { Timeout = 60_000 });
        await Assertions.Expect(signIn.Locator("#status-chip")).ToHaveTextAsync("Enrolled");
        await Assertions.Expect(signIn.GetByText(Email)).ToBeVisibleAsync();
    }

    private async Task<IBrowserContext> NewContextAsync(Uri baseUrl)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString() });
        await context.GrantPermissionsAsync(["microphone"]);
        return context;
    }

    private static async Task SignInWithPasswordAsync(IPage page)
    {
        if (!page.Url.Contains("Account/Login", StringComparison.Ordinal))
        {
            await page.GotoAsync("Account/Login");
        }

        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(TestPasswords.Good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    // Answer, key the code the asking page shows, then send one recording per prompt as a WAV upload.
    private static async Task AnswerAsync(IPage phone, IPage asking, byte[][] takes)
    {
        try
        {
            await AnswerCoreAsync(phone, asking, takes);
        }
        catch (PlaywrightException e)
        {
            // What the caller heard says where the call went instead.
            throw new Xunit.Sdk.XunitException($"{e.Message}\nThe softphone shows: {await phone.Locator("body").InnerTextAsync()}");
        }
    }

    private static async Task AnswerCoreAsync(IPage phone, IPage asking, byte[][] takes)
    {
        var shown = asking.Locator("#call-code");
        await Assertions.Expect(shown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{4}$"), new() { Timeout = 30_000 });
        var code = (await shown.TextContentAsync())!.Trim();
        await Assertions.Expect(phone.Locator("#softphone-incoming")).ToBeVisibleAsync(Call);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#softphone-gathering")).ToBeVisibleAsync(Call);
        foreach (var digit in code)
        {
            await phone.Locator($"button[aria-label='Key {digit}']").ClickAsync();
        }
        foreach (var (take, n) in takes.Select((t, i) => (t, i)))
        {
            // A passing first take ends a verification call: the second one is only sent when asked for.
            var next = phone.Locator("#softphone-recording, #softphone-ended").First;
            await Assertions.Expect(next).ToBeVisibleAsync(Call);
            if (await next.GetAttributeAsync("id") == "softphone-ended")
            {
                break;
            }

            await phone.Locator("#softphone-upload").SetInputFilesAsync(new FilePayload { Name = $"take{n}.wav", MimeType = "audio/wav", Buffer = take });
            await Assertions.Expect(phone.Locator("#softphone-recording")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        }

        await Assertions.Expect(phone.Locator("#softphone-ended")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    public void Dispose() => portal.Dispose();
}
