using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class PortalRestartTests
{
    [Fact]
    public async Task The_standalone_emulator_keeps_the_call_while_the_portal_is_replaced()
    {
        await using var emulator = await StandaloneTwilioEmulator.StartAsync(new TwilioEmulatorOptions { AuthToken = EmulatorHarness.AuthToken });
        var before = new FakePortal().Twiml("/voice", "<Gather numDigits=\"1\" action=\"/consent\"><Say>Press 1.</Say></Gather>");
        await using var after = new FakePortal().Twiml("/consent", "<Say>Welcome back.</Say>");
        emulator.Emulator.UsePortalHandler(before.Handler);
        var person = new PersonAtTheKeypad();
        emulator.Emulator.Handsets.Register(EmulatorHarness.Callee, person);
        using var http = emulator.CreateSdkHttpClient();
        var client = new TwilioRestClient(emulator.Emulator.AccountSid, EmulatorHarness.AuthToken, httpClient: new SystemNetHttpClient(http));

        var created = await CallResource.CreateAsync(new PhoneNumber(EmulatorHarness.Callee), new PhoneNumber("+15005550006"),
            url: new Uri(FakePortal.BaseUrl + "/voice"), client: client);
        await person.AtKeypad.WaitAsync(TimeSpan.FromSeconds(10));
        await before.DisposeAsync(); // the portal stops mid-call...
        emulator.Emulator.UsePortalHandler(after.Handler); // ...and a new one starts
        person.Press("1");
        var call = await emulator.Emulator.WaitForCallAsync(created.Sid, TimeSpan.FromSeconds(10));

        Assert.Equal(["Press 1.", "Welcome back."], call.Said);
        Assert.Equal("1", after.To("/consent").Single()["Digits"]);
        Assert.Empty(call.Errors);
    }

    /// <summary>Answers, then presses keys only when the test says so.</summary>
    private sealed class PersonAtTheKeypad : IHandset
    {
        private readonly TaskCompletionSource atKeypad = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<string> keys = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task AtKeypad => atKeypad.Task;

        public bool IsRealTime => true;

        public void Press(string digits) => keys.TrySetResult(digits);

        public Task<HandsetAnswer> RingAsync(HandsetLine line, CancellationToken ringing) => Task.FromResult(new HandsetAnswer(AnswerKind.Human));

        public Task<bool> HearAsync(HandsetLine line, HeardPrompt prompt, CancellationToken call) => Task.FromResult(true);

        public async Task<GatherOutcome> GatherAsync(HandsetLine line, GatherPrompt gather, CancellationToken call)
        {
            atKeypad.TrySetResult();
            return new GatherOutcome(await keys.Task.WaitAsync(call));
        }

        public Task<RecordOutcome> RecordAsync(HandsetLine line, RecordPrompt record, CancellationToken call) => Task.FromResult(new RecordOutcome(null));

        public void Ended(CallSnapshot call)
        {
        }
    }
}
