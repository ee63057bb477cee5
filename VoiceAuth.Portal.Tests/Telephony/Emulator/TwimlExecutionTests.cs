using Gather = Twilio.TwiML.Voice.Gather;
using Microsoft.AspNetCore.Http;
using Record = Twilio.TwiML.Voice.Record;
using Say = Twilio.TwiML.Voice.Say;
using Twilio.TwiML;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class TwimlExecutionTests : EmulatorTest
{
    [Fact]
    public async Task Say_Gather_and_Record_run_in_order_and_post_their_results_to_the_actions()
    {
        H.Phone(new ScriptedHandset().PressDigits("1").Speak(TestAudio.Tone(2)));
        H.Portal
            .Twiml("/voice", "<Say voice=\"Polly.Joanna\">Welcome to VoiceAuth.</Say><Gather numDigits=\"1\" action=\"/consent\"><Say>Press 1 to continue.</Say></Gather><Say>Never heard.</Say>")
            .Twiml("/consent", "<Say>Say your passphrase after the beep.</Say><Record action=\"/recorded\" maxLength=\"5\" timeout=\"2\" />")
            .Twiml("/recorded", "<Say>Thank you. Goodbye.</Say><Hangup/><Say>After hangup.</Say>");

        var call = await H.CallAndWaitAsync();

        Assert.Equal(["Welcome to VoiceAuth.", "Press 1 to continue.", "Say your passphrase after the beep.", "Thank you. Goodbye."], call.Said);
        Assert.Equal("Polly.Joanna", call.Heard[0].Voice);
        Assert.Equal("1", H.Portal.To("/consent").Single()["Digits"]);
        var recorded = H.Portal.To("/recorded").Single();
        Assert.Equal(call.RecordingSids.Single(), recorded["RecordingSid"]);
        Assert.Equal($"https://api.twilio.com/2010-04-01/Accounts/{H.Emulator.AccountSid}/Recordings/{recorded["RecordingSid"]}", recorded["RecordingUrl"]);
        Assert.Equal("2", recorded["RecordingDuration"]);
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(CallEndReason.HangupVerb, call.EndReason);
    }

    [Fact]
    public async Task A_Gather_without_input_falls_through_to_the_next_verb()
    {
        H.Phone(new ScriptedHandset().StaySilentAtGather());
        H.Portal.Twiml("/voice", "<Gather numDigits=\"1\" timeout=\"3\" action=\"/consent\"><Say>Press 1.</Say></Gather><Say>We did not get your answer.</Say><Redirect>/voice-again</Redirect>")
            .Twiml("/voice-again", "<Say>Bye.</Say>");

        var call = await H.CallAndWaitAsync();

        Assert.Empty(H.Portal.To("/consent"));
        Assert.Equal(["Press 1.", "We did not get your answer.", "Bye."], call.Said);
        Assert.Single(H.Portal.To("/voice-again"));
        Assert.Equal(CallEndReason.DocumentEnded, call.EndReason);
    }

    [Fact]
    public async Task Gather_strips_the_finish_key_and_honours_numDigits()
    {
        H.Phone(new ScriptedHandset().PressDigits("42#").PressDigits("9876"));
        H.Portal.Twiml("/voice", "<Gather action=\"/pin\" finishOnKey=\"#\"/>")
            .Twiml("/pin", "<Gather action=\"/two\" numDigits=\"2\"/>");

        await H.CallAndWaitAsync();

        var pin = H.Portal.To("/pin").Single();
        Assert.Equal("42", pin["Digits"]);
        Assert.Equal("#", pin["FinishedOnKey"]);
        Assert.Equal("98", H.Portal.To("/two").Single()["Digits"]);
    }

    [Fact]
    public async Task A_caller_hanging_up_mid_Record_still_gets_the_recording_posted_and_the_call_completes()
    {
        H.Phone(new ScriptedHandset { HangUpDuringRecord = 1 }.Speak(TestAudio.Tone(1.5)));
        H.Portal.Twiml("/voice", "<Record action=\"/recorded\" maxLength=\"5\"/><Say>Not reached.</Say>")
            .Twiml("/recorded", "<Say>Ignored: the caller is gone.</Say>");

        var call = await H.CallAndWaitAsync();

        var recorded = H.Portal.To("/recorded").Single();
        Assert.Equal("hangup", recorded["Digits"]);
        Assert.Equal("completed", recorded["CallStatus"]);
        Assert.NotNull(H.Emulator.Recordings.Find(recorded["RecordingSid"])?.Wav);
        Assert.Empty(call.Said);
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(CallEndReason.CallerHungUp, call.EndReason);
    }

    [Fact]
    public async Task A_silent_Record_makes_no_recording_and_continues_with_the_next_verb()
    {
        H.Phone(new ScriptedHandset().Speak(TestAudio.Silence(2)));
        H.Portal.Twiml("/voice", "<Record action=\"/recorded\" timeout=\"2\"/><Say>We heard nothing.</Say>");

        var call = await H.CallAndWaitAsync();

        Assert.Empty(H.Portal.To("/recorded"));
        Assert.Empty(call.RecordingSids);
        Assert.Equal(["We heard nothing."], call.Said);
    }

    [Fact]
    public async Task Record_keeps_at_most_maxLength_and_its_action_defaults_to_the_document_url()
    {
        H.Phone(new ScriptedHandset().Speak(TestAudio.Tone(9)));
        H.Portal.Twiml("/voice", r => r.Fields.ContainsKey("RecordingSid") ? "<Hangup/>" : "<Record maxLength=\"3\" playBeep=\"false\"/>");

        var call = await H.CallAndWaitAsync();

        var again = H.Portal.To("/voice")[^1];
        Assert.Equal("3", again["RecordingDuration"]);
        Assert.False(again.Fields.ContainsKey("Digits"));
        Assert.Single(call.RecordingSids);
    }

    [Fact]
    public async Task Pause_and_Hangup_by_the_caller_at_a_verb()
    {
        H.Phone(new ScriptedHandset { HangUpAtVerb = "Say", HangUpAtOccurrence = 2 });
        H.Portal.Twiml("/voice", "<Say>One.</Say><Pause length=\"2\"/><Say>Two.</Say><Say>Three.</Say>");

        var call = await H.CallAndWaitAsync();

        Assert.Equal(["One.", "Two."], call.Said);
        Assert.Contains("Pause: 2 s", call.Log);
        Assert.Equal(CallEndReason.CallerHungUp, call.EndReason);
        Assert.Equal(CallStatus.Completed, call.Status);
    }

    [Theory]
    [InlineData(500, "<Response/>", 11200)]
    [InlineData(200, "this is not XML", 12100)]
    [InlineData(200, "<html><body>Sign in</body></html>", 12100)]
    [InlineData(200, "<Response><Dial>+12015550111</Dial></Response>", 12200)]
    public async Task A_failing_webhook_ends_the_call_with_the_application_error(int status, string body, int code)
    {
        H.Phone();
        H.Portal.Respond("/voice", _ => Results.Content(body, "application/xml", statusCode: status));

        var call = await H.CallAndWaitAsync();

        Assert.Equal([VoiceAuth.Emulator.Twiml.TwimlConversation.ApplicationErrorText], call.Said);
        Assert.Equal(code, call.Errors.Single().Code);
        Assert.Equal(CallEndReason.ApplicationError, call.EndReason);
        Assert.Equal(CallStatus.Completed, call.Status);
    }

    [Fact]
    public async Task TwiML_built_with_the_sdks_VoiceResponse_runs()
    {
        H.Phone(new ScriptedHandset().PressDigits("1").Speak(TestAudio.Tone(1)));
        var welcome = new VoiceResponse();
        var gather = new Gather(input: [Gather.InputEnum.Dtmf], numDigits: 1, timeout: 5, action: new Uri("/consent", UriKind.Relative), method: Twilio.Http.HttpMethod.Post);
        gather.Say("Press 1.", voice: Say.VoiceEnum.PollyJoanna, language: Say.LanguageEnum.EnUs);
        welcome.Append(gather).Say("No answer.").Hangup();
        var consent = new VoiceResponse()
            .Record(action: new Uri("/recorded", UriKind.Relative), maxLength: 5, timeout: 2, playBeep: true, trim: Record.TrimEnum.DoNotTrim, finishOnKey: "#")
            .Redirect(new Uri("/voice", UriKind.Relative));
        H.Portal.Respond("/voice", _ => Results.Content(welcome.ToString(), "application/xml"))
            .Respond("/consent", _ => Results.Content(consent.ToString(), "application/xml"))
            .Twiml("/recorded", "<Hangup/>");

        var call = await H.CallAndWaitAsync();

        Assert.Equal(["Press 1."], call.Said);
        Assert.Empty(call.Errors);
        Assert.Equal("1", H.Portal.To("/consent").Single()["Digits"]);
        Assert.Equal("1", H.Portal.To("/recorded").Single()["RecordingDuration"]);
    }

    [Fact]
    public async Task Relative_redirects_resolve_against_the_current_document()
    {
        H.Phone();
        H.Portal.Twiml("/flow/start", "<Redirect method=\"GET\">next?step=2</Redirect>")
            .Twiml("/flow/next", r => $"<Say>Step {r["step"]}.</Say>")
            .Twiml("/voice", "<Redirect>/flow/start</Redirect>");

        var call = await H.CallAndWaitAsync();

        Assert.Equal(["Step 2."], call.Said);
        Assert.Equal("GET", H.Portal.To("/flow/next").Single().Method);
    }
}
