using Twilio.Security;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class WebhookSignatureTests : EmulatorTest
{
    [Fact]
    public async Task Every_request_to_the_portal_carries_a_signature_the_sdk_validator_accepts()
    {
        H.Phone(new ScriptedHandset().PressDigits("1").Speak(TestAudio.Tone(1)));
        H.Portal.Twiml("/voice", "<Gather numDigits=\"1\" action=\"/consent?session=a%20b&amp;x=1\"/>")
            .Twiml("/consent", "<Record action=\"/recorded\" recordingStatusCallback=\"/recording-status\"/>")
            .Twiml("/recorded", "<Redirect method=\"GET\">/bye?step=3</Redirect>")
            .Twiml("/bye", "<Hangup/>");

        await H.CallAndWaitAsync();

        var requests = H.Portal.Requests.ToList();
        Assert.Equal(["/bye", "/consent", "/recorded", "/recording-status", "/status", "/voice"], requests.Select(r => r.Path).Distinct().Order(StringComparer.Ordinal));
        var validator = new RequestValidator(EmulatorHarness.AuthToken);
        foreach (var request in requests)
        {
            var fields = request.Method == "GET" ? new Dictionary<string, string>() : request.Fields.ToDictionary();
            Assert.True(validator.Validate(request.Url, fields, request.Signature), $"{request.Method} {request.Url} is not validly signed.");
        }

        // The GET carries its parameters in the URL, which is what it signs.
        var bye = H.Portal.To("/bye").Single();
        Assert.Contains("CallSid=", bye.Url, StringComparison.Ordinal);
        Assert.Equal("3", bye["step"]);
    }

    [Fact]
    public async Task A_signature_made_with_another_token_or_for_other_fields_does_not_validate()
    {
        H.Phone();
        H.Portal.Twiml("/voice", "<Say>Hello.</Say>");

        await H.CallAndWaitAsync();

        var voice = H.Portal.To("/voice").Single();
        var fields = voice.Fields.ToDictionary();
        Assert.False(new RequestValidator("another-token-0123456789").Validate(voice.Url, fields, voice.Signature));
        fields["Digits"] = "1";
        Assert.False(new RequestValidator(EmulatorHarness.AuthToken).Validate(voice.Url, fields, voice.Signature));
    }

    [Fact]
    public async Task Voice_webhooks_carry_twilios_common_fields()
    {
        H.Phone();
        H.Portal.Twiml("/voice", "<Say>Hello.</Say>");

        var call = await H.CallAndWaitAsync();

        var voice = H.Portal.To("/voice").Single();
        Assert.Equal(call.Sid, voice["CallSid"]);
        Assert.Equal(H.Emulator.AccountSid, voice["AccountSid"]);
        Assert.Equal("in-progress", voice["CallStatus"]);
        Assert.Equal("outbound-api", voice["Direction"]);
        Assert.Equal("2010-04-01", voice["ApiVersion"]);
        Assert.Equal(EmulatorHarness.Callee, voice["To"]);
        Assert.Equal(H.Emulator.DefaultFromNumber, voice["From"]);
        Assert.Equal("POST", voice.Method);
    }
}
