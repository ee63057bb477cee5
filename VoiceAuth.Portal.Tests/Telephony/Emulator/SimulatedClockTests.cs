using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class SimulatedClockTests : EmulatorTest
{
    [Fact]
    public async Task Each_verb_costs_its_simulated_time_and_nothing_really_sleeps()
    {
        H.Phone(new ScriptedHandset { RingSeconds = 4 }.PressDigits("1").Speak(TestAudio.Tone(2)));
        H.Portal
            .Twiml("/voice", "<Say>one two three four five</Say><Pause length=\"3\"/><Gather numDigits=\"1\" action=\"/g\"><Say>press one now</Say></Gather>")
            .Twiml("/g", "<Record action=\"/r\" timeout=\"2\" maxLength=\"10\"/>")
            .Twiml("/r", "<Hangup/>");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var call = await H.CallAndWaitAsync();

        // Say 0.3 + 5 words / 2.5 = 2.3; Pause 3; Gather prompt 0.3 + 3 / 2.5 = 1.5, first key 1 + 0.4;
        // Record beep 0.5 + 2 s of speech + 2 s of silence before it ends = 4.5. Webhook waits are kept apart.
        Assert.Equal(2.3 + 3 + 1.5 + 1.4 + 4.5, call.TalkSeconds, 0.01);
        Assert.Equal(4, call.RingSeconds, 0.01);
        Assert.Equal(call.RingSeconds + call.TalkSeconds, call.SecondsOnPhone, 0.01);
        Assert.InRange(call.WebhookSeconds, 0.0001, 5);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed} of real time");
    }

    [Fact]
    public async Task A_Gather_that_times_out_costs_its_timeout_and_machine_detection_its_verdict()
    {
        H.Phone();
        H.Portal.Twiml("/voice", "<Gather timeout=\"7\"/>");

        var call = await H.CallAndWaitAsync(machineDetection: "Enable");

        Assert.Equal(2.5 + 7, call.TalkSeconds, 0.01);
    }

    [Fact]
    public async Task The_time_limit_ends_a_call_on_the_simulated_clock()
    {
        H.Phone();
        H.Portal.Twiml("/voice", "<Pause length=\"40\"/><Say>Too late.</Say>");

        var created = await Twilio.Rest.Api.V2010.Account.CallResource.CreateAsync(new(new Twilio.Types.PhoneNumber(EmulatorHarness.Callee), new Twilio.Types.PhoneNumber(H.Emulator.DefaultFromNumber))
        {
            Url = new Uri(FakePortal.BaseUrl + "/voice"),
            TimeLimit = 30,
        }, H.Client);
        var call = await H.Emulator.WaitForCallAsync(created.Sid, TimeSpan.FromSeconds(10));

        Assert.Empty(call.Said);
        Assert.Equal(VoiceAuth.Emulator.Calls.CallEndReason.TimeLimit, call.EndReason);
    }
}
