using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Softphone;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class SoftphonePageTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly EmulatorHarness h = new();

    // No sign-in, no identity: the softphone is the emulator's, not the portal's.
    private IRenderedComponent<Softphone> RenderPhone(string? number = EmulatorHarness.Callee)
    {
        Services.AddSingleton(h.Emulator);
        if (number is not null)
        {
            var navigation = Services.GetRequiredService<NavigationManager>();
            navigation.NavigateTo(navigation.GetUriWithQueryParameter("number", number));
        }

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
    public async Task Without_a_number_the_page_lists_a_ringing_call_and_picks_it_up_there()
    {
        h.Portal.Twiml("/voice", "<Say>Hello.</Say>");
        var phone = RenderPhone(number: null);
        phone.Find("#softphone-nothing-ringing");
        Assert.Null(h.Emulator.Handsets.Find(EmulatorHarness.Callee));

        var created = await h.CallAsync(); // nobody is on that number yet: it rings
        phone.WaitForAssertion(() => Assert.Contains("+1 201", phone.Find("#softphone-ringing").TextContent, StringComparison.Ordinal), Wait);
        phone.Find("#softphone-ringing .mud-list-item").Click();

        phone.WaitForElement("#softphone-incoming", Wait);
        Assert.NotNull(h.Emulator.Handsets.Find(EmulatorHarness.Callee));
        phone.FindAll("button").Single(b => b.TextContent.Contains("Answer", StringComparison.Ordinal)).Click();
        var call = await h.Emulator.WaitForCallAsync(created.Sid, Wait);
        Assert.Equal(["Hello."], call.Said);
    }

    [Fact]
    public void A_typed_number_must_be_international_before_the_phone_takes_it()
    {
        var phone = RenderPhone(number: null);

        phone.Find("#softphone-number").Change("201 555 0188");
        phone.Find("form").Submit();
        Assert.Contains("international form", phone.Markup, StringComparison.Ordinal);
        Assert.Null(h.Emulator.Handsets.Find("201 555 0188"));

        phone.Find("#softphone-number").Change(EmulatorHarness.Callee);
        phone.Find("form").Submit();
        phone.WaitForElement("#softphone-idle", Wait);
        Assert.NotNull(h.Emulator.Handsets.Find(EmulatorHarness.Callee));
    }

    [Fact]
    public void With_real_twilio_the_softphone_is_off()
    {
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
}
