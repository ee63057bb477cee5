using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Softphone;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class SoftphoneSessionTests : EmulatorTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_second_call_while_on_a_call_is_busy_and_leaves_the_first_alone()
    {
        using var session = new SoftphoneSession();
        session.Changed += () => SpeakAll(session);
        H.Emulator.Handsets.Register(EmulatorHarness.Callee, session);
        H.Portal.Twiml("/voice", "<Gather numDigits=\"1\" timeout=\"30\" action=\"/consent\"><Say>Press 1.</Say></Gather>")
            .Twiml("/consent", "<Say>Thanks.</Say>");
        var first = await H.CallAsync();
        await Until(() => session.State == SoftphoneState.Ringing);
        session.Answer();
        await Until(() => session.Activity == SoftphoneActivity.Gathering);

        var second = await H.CallAndWaitAsync();

        Assert.Equal(CallStatus.Busy, second.Status);
        Assert.Equal(SoftphoneState.Connected, session.State);
        session.PressKey('1');
        var call = await H.Emulator.WaitForCallAsync(first.Sid, Wait);
        Assert.Equal(["Press 1.", "Thanks."], call.Said);
        Assert.Equal(SoftphoneState.Ended, session.State);
    }

    [Fact]
    public async Task Keys_end_a_gather_on_the_finish_key_and_barge_in_on_prompts()
    {
        using var session = new SoftphoneSession();
        H.Emulator.Handsets.Register(EmulatorHarness.Callee, session);
        H.Portal.Twiml("/voice", "<Gather finishOnKey=\"#\" action=\"/pin\"><Say>Enter your PIN.</Say><Say>Then press hash.</Say></Gather>")
            .Twiml("/pin", "<Hangup/>");
        var created = await H.CallAsync();
        await Until(() => session.State == SoftphoneState.Ringing);
        session.Answer();
        await Until(() => session.Activity == SoftphoneActivity.Gathering);

        foreach (var key in "42#")
        {
            session.PressKey(key);
        }

        await H.Emulator.WaitForCallAsync(created.Sid, Wait);
        var pin = H.Portal.To("/pin").Single();
        Assert.Equal("42", pin["Digits"]);
        Assert.Null(session.NextToSpeak()); // the prompts still queued were skipped by the first key
    }

    // What the page does with speech synthesis, instantly.
    private static void SpeakAll(SoftphoneSession session)
    {
        while (session.NextToSpeak() is { } prompt)
        {
            prompt.Finish();
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
