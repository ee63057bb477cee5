using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class StatusCallbackTests
{
    [Fact]
    public async Task An_answered_call_reports_initiated_ringing_in_progress_completed_in_sequence()
    {
        await using var h = new EmulatorHarness();
        h.Phone();
        h.Portal.Twiml("/voice", "<Say>Hello there, this takes a moment.</Say>");

        var call = await h.CallAndWaitAsync();

        var status = h.Portal.To("/status");
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], status.Select(s => s["CallStatus"]));
        Assert.Equal(["0", "1", "2", "3"], status.Select(s => s["SequenceNumber"]));
        Assert.All(status, s => Assert.Equal(call.Sid, s["CallSid"]));
        Assert.All(status, s => Assert.EndsWith("+0000", s["Timestamp"], StringComparison.Ordinal));
        Assert.Equal(((int)Math.Ceiling(call.TalkSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture), status[^1]["CallDuration"]);
        Assert.False(status[2].Fields.ContainsKey("CallDuration"));
        Assert.Equal("outbound-api", status[^1]["Direction"]);
    }

    [Theory]
    [InlineData("Busy", "busy")]
    [InlineData("NoAnswer", "no-answer")]
    [InlineData("Failed", "failed")]
    public async Task An_unanswered_call_ends_with_its_status_and_never_fetches_the_url(string kind, string final)
    {
        var answer = Enum.Parse<AnswerKind>(kind);
        await using var h = new EmulatorHarness();
        h.Phone(new ScriptedHandset { Answer = answer });

        var call = await h.CallAndWaitAsync(timeout: 25);

        Assert.Equal(["initiated", "ringing", final], h.StatusSequence());
        Assert.Equal("0", h.Portal.To("/status")[^1]["CallDuration"]);
        Assert.Empty(h.Portal.To("/voice"));
        Assert.Equal(final, call.Status);
        Assert.Equal(answer == AnswerKind.NoAnswer ? 25 : 3, call.RingSeconds, 1);
    }

    [Fact]
    public async Task A_phone_that_would_answer_after_the_timeout_is_no_answer()
    {
        await using var h = new EmulatorHarness();
        h.Phone(new ScriptedHandset { RingSeconds = 30 });

        var call = await h.CallAndWaitAsync(timeout: 10);

        Assert.Equal("no-answer", call.Status);
        Assert.Equal(10, call.RingSeconds, 1);
    }

    [Theory]
    [InlineData("Enable", "machine_start")]
    [InlineData("DetectMessageEnd", "machine_end_beep")]
    public async Task Voicemail_is_detected_and_reported_as_answered_by_a_machine(string detection, string answeredBy)
    {
        await using var h = new EmulatorHarness();
        h.Phone(new ScriptedHandset { Answer = AnswerKind.Machine, GreetingSeconds = 7 });
        h.Portal.Twiml("/voice", r => r["AnsweredBy"] == "human" ? "<Say>Hello.</Say>" : "<Hangup/>");

        var call = await h.CallAndWaitAsync(machineDetection: detection);

        Assert.Equal(answeredBy, h.Portal.To("/voice").Single()["AnsweredBy"]);
        Assert.Equal(answeredBy, h.Portal.To("/status").Single(s => s["CallStatus"] == "in-progress")["AnsweredBy"]);
        Assert.Equal(answeredBy, call.AnsweredBy);
        Assert.Empty(call.Said);
        Assert.True(detection == "Enable" ? call.TalkSeconds < 5 : call.TalkSeconds >= 7, $"talk time {call.TalkSeconds}");
    }

    [Fact]
    public async Task A_person_is_reported_as_human_and_without_detection_there_is_no_AnsweredBy()
    {
        await using var h = new EmulatorHarness();
        h.Phone();
        h.Portal.Twiml("/voice", "<Hangup/>");

        await h.CallAndWaitAsync(machineDetection: "Enable");
        await h.CallAndWaitAsync();

        var voice = h.Portal.To("/voice");
        Assert.Equal("human", voice[0]["AnsweredBy"]);
        Assert.False(voice[1].Fields.ContainsKey("AnsweredBy"));
    }

    [Fact]
    public async Task Only_the_requested_events_are_sent_and_completed_by_default()
    {
        await using var h = new EmulatorHarness();
        h.Phone();
        h.Portal.Twiml("/voice", "<Hangup/>");

        var created = await Twilio.Rest.Api.V2010.Account.CallResource.CreateAsync(new(new Twilio.Types.PhoneNumber(EmulatorHarness.Callee), new Twilio.Types.PhoneNumber(h.Emulator.DefaultFromNumber))
        {
            Url = new Uri(FakePortal.BaseUrl + "/voice"),
            StatusCallback = new Uri(FakePortal.BaseUrl + "/status"),
        }, h.Client);
        await h.Emulator.WaitForCallAsync(created.Sid, TimeSpan.FromSeconds(10));

        Assert.Equal(["completed"], h.StatusSequence());
        Assert.Equal("0", h.Portal.To("/status").Single()["SequenceNumber"]);
    }

    [Fact]
    public async Task Injected_faults_deliver_every_callback_twice_and_pairwise_out_of_order()
    {
        await using var h = new EmulatorHarness(o =>
        {
            o.Faults.DuplicateStatusCallbacks = true;
            o.Faults.ReorderStatusCallbacks = true;
        });
        h.Phone();
        h.Portal.Twiml("/voice", "<Say>Hello.</Say>");

        await h.CallAndWaitAsync();

        var arrived = h.Portal.To("/status").Select(s => (s["SequenceNumber"], s["CallStatus"])).ToList();
        Assert.Equal(
            [("1", "ringing"), ("1", "ringing"), ("0", "initiated"), ("0", "initiated"),
             ("3", "completed"), ("3", "completed"), ("2", "in-progress"), ("2", "in-progress")],
            arrived);
        Assert.Equal(["initiated", "initiated", "ringing", "ringing", "in-progress", "in-progress", "completed", "completed"], h.StatusSequence());
    }

    [Fact]
    public async Task A_failing_status_callback_is_logged_and_the_call_goes_on()
    {
        await using var h = new EmulatorHarness();
        h.Phone();
        h.Portal.Twiml("/voice", "<Say>Still here.</Say>")
            .Respond("/status", _ => Microsoft.AspNetCore.Http.Results.StatusCode(500));

        var call = await h.CallAndWaitAsync();

        Assert.Equal(["Still here."], call.Said);
        Assert.Equal(4, call.Errors.Count(e => e.Code == 15003));
    }
}
