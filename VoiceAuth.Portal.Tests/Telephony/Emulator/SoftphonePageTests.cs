using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Telephony.Emulator;
using VoiceAuth.Portal.Telephony.Emulator.Calls;
using VoiceAuth.Portal.Telephony.Emulator.Softphone;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class SoftphonePageTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly EmulatorHarness h = new();

    public SoftphonePageTests()
    {
        AddAuthorization().SetAuthorized("ada@example.com");
    }

    private IRenderedComponent<Softphone> RenderPhone(string? number = EmulatorHarness.Callee)
    {
        Services.AddSingleton(h.Emulator);
        Services.AddSingleton<ISoftphoneLines>(new FixedLine(number));
        return RenderInteractive<Softphone>(_ => { });
    }

    [Fact]
    public async Task The_page_rings_answers_shows_prompts_takes_keys_and_sends_an_uploaded_recording()
    {
        h.Portal
            .Twiml("/voice", "<Say>Welcome to VoiceAuth.</Say><Gather numDigits=\"1\" action=\"/consent\"><Say>Press 1 to continue.</Say></Gather>")
            .Twiml("/consent", "<Record action=\"/recorded\" maxLength=\"5\"/>")
            .Twiml("/recorded", "<Say>Thank you.</Say>");
        var phone = RenderPhone();
        Assert.Contains("no real phone rings", phone.Find("#emulated-notice").TextContent, StringComparison.Ordinal);
        phone.Find("#softphone-idle");

        var created = await h.CallAsync();
        phone.WaitForElement("#softphone-incoming", Wait);
        phone.FindAll("button").Single(b => b.TextContent.Contains("Answer", StringComparison.Ordinal)).Click();

        phone.WaitForAssertion(() => Assert.Contains("Press 1 to continue.", phone.Find("#softphone-transcript").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Welcome to VoiceAuth.", phone.Find("#softphone-transcript").TextContent, StringComparison.Ordinal);
        phone.WaitForElement("#softphone-gathering", Wait);
        phone.Find("button[aria-label='Key 1']").Click();

        phone.WaitForElement("#softphone-recording", Wait);
        Assert.Contains("Recording", phone.Find("#softphone-recording").TextContent, StringComparison.Ordinal);
        phone.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestAudio.Tone(1.5), "me.wav", contentType: "audio/wav"));

        var call = await h.Emulator.WaitForCallAsync(created.Sid, Wait);
        Assert.Equal(["Welcome to VoiceAuth.", "Press 1 to continue.", "Thank you."], call.Said);
        Assert.Equal("1", h.Portal.To("/consent").Single()["Digits"]);
        Assert.Equal(call.RecordingSids.Single(), h.Portal.To("/recorded").Single()["RecordingSid"]);
        phone.WaitForAssertion(() => Assert.Equal("Call ended.", phone.Find("#softphone-ended").TextContent), Wait);
    }

    [Fact]
    public async Task A_file_that_is_not_a_wav_is_refused_and_the_recording_still_waits()
    {
        h.Portal.Twiml("/voice", "<Record action=\"/recorded\" maxLength=\"5\"/>");
        var phone = RenderPhone();
        var created = await h.CallAsync();
        phone.WaitForElement("#softphone-incoming", Wait);
        phone.FindAll("button").Single(b => b.TextContent.Contains("Answer", StringComparison.Ordinal)).Click();
        phone.WaitForElement("#softphone-recording", Wait);

        phone.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not audio", "notes.txt"));

        phone.WaitForAssertion(() => Assert.Contains("not a WAV", phone.Find("#softphone-problem").TextContent, StringComparison.Ordinal), Wait);
        phone.Find("#softphone-recording");
        phone.FindAll("button").Single(b => b.TextContent.Contains("Hang up", StringComparison.Ordinal)).Click();
        var call = await h.Emulator.WaitForCallAsync(created.Sid, Wait);
        Assert.Equal(CallEndReason.CallerHungUp, call.EndReason);
        Assert.Empty(h.Portal.To("/recorded"));
    }

    [Fact]
    public async Task Declining_makes_the_call_busy()
    {
        var phone = RenderPhone();
        var created = await h.CallAsync();
        phone.WaitForElement("#softphone-incoming", Wait);

        phone.FindAll("button").Single(b => b.TextContent.Contains("Decline", StringComparison.Ordinal)).Click();

        var call = await h.Emulator.WaitForCallAsync(created.Sid, Wait);
        Assert.Equal(CallStatus.Busy, call.Status);
        phone.WaitForAssertion(() => Assert.Contains("declined", phone.Find("#softphone-ended").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void Without_a_saved_number_the_page_says_what_to_do()
    {
        var phone = RenderPhone(number: null);

        Assert.Contains("My profile", phone.Find("#softphone-no-number").TextContent, StringComparison.Ordinal);
        Assert.Null(h.Emulator.Handsets.Find(EmulatorHarness.Callee));
    }

    [Fact]
    public void With_real_twilio_the_softphone_is_off()
    {
        Services.AddSingleton<ISoftphoneLines>(new FixedLine(EmulatorHarness.Callee));

        var phone = RenderInteractive<Softphone>(_ => { });

        phone.Find("#softphone-off");
        Assert.Empty(phone.FindAll("#emulated-notice"));
    }

    [Fact]
    public async Task Leaving_the_page_takes_the_phone_off_the_line()
    {
        var phone = RenderPhone();
        Assert.NotNull(h.Emulator.Handsets.Find(EmulatorHarness.Callee));

        await phone.Instance.DisposeAsync();

        Assert.Null(h.Emulator.Handsets.Find(EmulatorHarness.Callee));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await h.DisposeAsync();
    }

    private sealed class FixedLine(string? number) : ISoftphoneLines
    {
        public Task<string?> FindNumberAsync(ClaimsPrincipal user) => Task.FromResult(number);
    }
}
