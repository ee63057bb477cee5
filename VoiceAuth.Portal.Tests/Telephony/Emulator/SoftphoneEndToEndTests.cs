using Microsoft.Playwright;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

[Collection(BrowserTests.Name)]
public sealed class SoftphoneEndToEndTests(BrowserFixture browser) : IAsyncLifetime, IAsyncDisposable
{
    private const string Number = "+12015550188";
    private readonly SoftphonePortal portal = new();

    [Fact]
    public async Task The_softphone_answers_records_the_microphone_then_sends_an_uploaded_wav_on_a_phone_sized_screen()
    {
        var baseUrl = portal.Start();
        portal.Webhooks
            .Twiml("/voice", "<Say>Say your passphrase after the beep.</Say><Record action=\"/first\" maxLength=\"4\" timeout=\"2\"/>")
            .Twiml("/first", "<Say>Once more.</Say><Record action=\"/second\" maxLength=\"4\"/>")
            .Twiml("/second", "<Say>Thank you. Goodbye.</Say><Hangup/>");
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        await context.GrantPermissionsAsync(["microphone"]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("softphone?number=" + Uri.EscapeDataString(Number)); // nobody signed in: the phone is the emulator's
        await Assertions.Expect(page.Locator("#softphone-idle")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#emulated-notice")).ToContainTextAsync("no real phone rings");
        var sid = await PlaceCallAsync();

        await Assertions.Expect(page.Locator("#softphone-incoming")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#softphone-transcript")).ToContainTextAsync("Say your passphrase after the beep.");
        await Assertions.Expect(page.Locator("#softphone-recording")).ToContainTextAsync("speak now"); // Chromium's fake microphone
        await page.WaitForTimeoutAsync(1500);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();

        await Assertions.Expect(page.Locator("#softphone-transcript")).ToContainTextAsync("Once more.");
        await Assertions.Expect(page.Locator("#softphone-recording")).ToBeVisibleAsync();
        await page.Locator("#softphone-upload").SetInputFilesAsync(new FilePayload { Name = "passphrase.wav", MimeType = "audio/wav", Buffer = TestAudio.Tone(2) });

        var call = await portal.Emulator.WaitForCallAsync(sid, TimeSpan.FromSeconds(30));
        Assert.Equal(["Say your passphrase after the beep.", "Once more.", "Thank you. Goodbye."], call.Said);
        Assert.Equal(2, call.RecordingSids.Count);
        Assert.Equal("2", portal.Webhooks.To("/second").Single()["RecordingDuration"]);
        Assert.InRange(int.Parse(portal.Webhooks.To("/first").Single()["RecordingDuration"], System.Globalization.CultureInfo.InvariantCulture), 1, 4);
        await Assertions.Expect(page.Locator("#softphone-ended")).ToContainTextAsync("Call ended");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "The softphone scrolls sideways at 390 px.");
    }

    private async Task<string> PlaceCallAsync()
    {
        using var http = new System.Net.Http.HttpClient(portal.Emulator.CreateApiHandler());
        var client = new TwilioRestClient(portal.Emulator.AccountSid, EmulatorHarness.AuthToken, httpClient: new SystemNetHttpClient(http));
        var call = await CallResource.CreateAsync(new PhoneNumber(Number), new PhoneNumber(portal.Emulator.DefaultFromNumber),
            url: new Uri(FakePortal.BaseUrl + "/voice"), client: client);
        return call.Sid;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
