using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Telephony;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>Calls that do not go to plan: nobody answers, a machine answers, the caller hangs up, Twilio repeats itself.</summary>
public sealed class CallOutcomeTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    private async Task<(Guid Id, string CallSid)> CallAsync(SessionPurpose purpose = SessionPurpose.Verify)
    {
        var user = await portal.CreateCallerAsync($"{Guid.NewGuid():N}@example.com", enrolled: purpose == SessionPurpose.Verify);
        return await portal.StartAsync(user, purpose);
    }

    [Theory]
    [InlineData("no-answer", SessionState.NoAnswer)]
    [InlineData("busy", SessionState.Busy)]
    [InlineData("failed", SessionState.Error)]
    [InlineData("canceled", SessionState.Canceled)]
    public async Task Unanswered_calls_end_the_session_with_the_right_outcome(string status, SessionState expected)
    {
        var (id, callSid) = await CallAsync();

        await portal.StatusAsync(id, callSid, "initiated", 0);
        await portal.StatusAsync(id, callSid, "ringing", 1);
        await portal.StatusAsync(id, callSid, status, 2);

        var session = await portal.SessionAsync(id);
        Assert.Equal(expected, session.State);
        Assert.NotNull(session.CompletedAt);
    }

    [Theory]
    [InlineData("machine_start")]
    [InlineData("machine_end_beep")]
    [InlineData("fax")]
    public async Task A_machine_gets_no_prompt_and_nothing_is_recorded(string answeredBy)
    {
        var (id, callSid) = await CallAsync(SessionPurpose.Enroll);

        var twiml = await portal.VoiceAsync("answer", id, callSid, new() { ["AnsweredBy"] = answeredBy });

        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><Response><Hangup></Hangup></Response>", twiml);
        Assert.Equal(SessionState.Voicemail, (await portal.SessionAsync(id)).State);
        Assert.Equal(0, await portal.WithDbAsync(db => db.Voiceprints.CountAsync()));
    }

    [Fact]
    public async Task Hanging_up_mid_enrollment_ends_the_session_and_keeps_accepted_recordings()
    {
        var (id, callSid) = await CallAsync(SessionPurpose.Enroll);
        await portal.VoiceAsync("answer", id, callSid);
        await portal.KeyCodeAsync(id, callSid);
        await portal.RecordAsync(id, callSid, 1, script: 1);
        await portal.WaitAsync(id, callSid);

        await portal.StatusAsync(id, callSid, "completed", 5);
        var late = await portal.VoiceAsync("recorded", id, callSid, new() { ["RecordingSid"] = "RE" + new string('1', 32), ["RecordingDuration"] = "2" }, "?step=2");

        var session = await portal.SessionAsync(id);
        Assert.Equal(SessionState.Failed, session.State);
        Assert.Equal(ReasonCode.HungUp, session.Reason);
        Assert.Contains("<Hangup", late, StringComparison.Ordinal);
        Assert.Equal(1, (await portal.WithDbAsync(db => db.Voiceprints.SingleAsync())).EnrollmentCount);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Recordings.CountAsync())); // the late one was not stored
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_callbacks_are_harmless()
    {
        var (id, callSid) = await CallAsync();

        await portal.StatusAsync(id, callSid, "ringing", 1);
        await portal.StatusAsync(id, callSid, "in-progress", 2);
        await portal.StatusAsync(id, callSid, "ringing", 1);      // duplicate, late
        await portal.StatusAsync(id, callSid, "initiated", 0);    // older still
        await portal.VoiceAsync("answer", id, callSid);
        await portal.VoiceAsync("answer", id, callSid);            // Twilio retried the webhook
        await portal.KeyCodeAsync(id, callSid);
        var sid = "RE" + new string('a', 32);
        portal.Telephony.Recordings[sid] = [1, 2, 3];
        var fields = new Dictionary<string, string> { ["RecordingSid"] = sid, ["RecordingDuration"] = "3" };
        await portal.VoiceAsync("recorded", id, callSid, fields, "?step=1");
        await portal.VoiceAsync("recorded", id, callSid, fields, "?step=1"); // the same recording twice
        await portal.WaitAsync(id, callSid);

        var states = (await portal.EventsAsync(id)).Select(e => e.State).ToList();
        Assert.Equal([SessionState.Calling, SessionState.Ringing, SessionState.Answered, SessionState.Recording, SessionState.Checking, SessionState.Passed], states);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Recordings.CountAsync()));
        Assert.Equal(1, portal.Engine.Calls);
    }

    [Fact]
    public async Task A_wrong_code_is_asked_again_once_then_the_call_ends_with_nothing_recorded()
    {
        var (id, callSid) = await CallAsync(SessionPurpose.Enroll);
        await portal.VoiceAsync("answer", id, callSid);
        var code = (await portal.SessionAsync(id)).CallCode!;
        var wrong = code == "1111" ? "2222" : "1111";

        var again = await portal.VoiceAsync("consent", id, callSid, new() { ["Digits"] = wrong });
        var twiml = await portal.VoiceAsync("consent", id, callSid, new() { ["Digits"] = "1" }); // the old "press 1" no longer opens anything
        var afterwards = await portal.VoiceAsync("consent", id, callSid, new() { ["Digits"] = code }); // too late: still just goodbye

        Assert.Contains("<Gather", again, StringComparison.Ordinal);
        Assert.Contains(PhonePrompts.WrongCodeAgain, again, StringComparison.Ordinal);
        Assert.Contains("Nothing was recorded", twiml, StringComparison.Ordinal);
        Assert.DoesNotContain("<Record", twiml + afterwards, StringComparison.Ordinal);
        var session = await portal.SessionAsync(id);
        Assert.Equal(SessionState.Declined, session.State);
        Assert.Equal(ReasonCode.WrongCode, session.Reason);
        Assert.False((await portal.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == session.UserId))).PhoneNumberConfirmed);
    }

    [Fact]
    public async Task The_code_is_never_said_on_the_phone_and_keying_it_confirms_the_number()
    {
        var (id, callSid) = await CallAsync(SessionPurpose.Enroll);
        var session = await portal.SessionAsync(id);
        Assert.Matches("^[0-9]{4}$", session.CallCode);
        Assert.False((await portal.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == session.UserId))).PhoneNumberConfirmed);

        var greeting = await portal.VoiceAsync("answer", id, callSid);
        var prompt = await portal.KeyCodeAsync(id, callSid);

        Assert.DoesNotContain(session.CallCode!, greeting, StringComparison.Ordinal);
        Assert.Contains("ey the code on your screen", greeting, StringComparison.Ordinal);
        Assert.Contains("<Record", prompt, StringComparison.Ordinal);
        var user = await portal.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == session.UserId));
        Assert.True(user.PhoneNumberConfirmed);
        Assert.Equal(user.PhoneNumber, session.CalledNumber);
    }

    [Fact]
    public async Task Pressing_no_key_ends_the_call_with_nothing_recorded()
    {
        var (id, callSid) = await CallAsync(SessionPurpose.Enroll);
        await portal.VoiceAsync("answer", id, callSid);

        var twiml = await portal.VoiceAsync("consent", id, callSid);

        Assert.Contains(PhonePrompts.NoKey, twiml, StringComparison.Ordinal);
        Assert.DoesNotContain("<Record", twiml, StringComparison.Ordinal);
        Assert.Equal(SessionState.Declined, (await portal.SessionAsync(id)).State);
    }

    [Fact]
    public async Task A_webhook_for_another_call_or_an_unknown_session_gets_a_goodbye_and_changes_nothing()
    {
        var (id, _) = await CallAsync();

        var foreign = await portal.VoiceAsync("answer", id, "CA" + new string('f', 32));
        var unknown = await portal.VoiceAsync("answer", Guid.NewGuid(), "CA" + new string('f', 32));

        Assert.Contains("no longer valid", foreign, StringComparison.Ordinal);
        Assert.Contains("no longer valid", unknown, StringComparison.Ordinal);
        Assert.Equal(SessionState.Calling, (await portal.SessionAsync(id)).State);
    }

    [Fact]
    public async Task An_expired_session_cannot_be_continued()
    {
        var (id, callSid) = await CallAsync();
        await portal.WithDbAsync(db => db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        var twiml = await portal.VoiceAsync("answer", id, callSid);

        Assert.Contains("no longer valid", twiml, StringComparison.Ordinal);
        Assert.Equal(SessionState.Expired, (await portal.SessionAsync(id)).State);
    }

    [Theory]
    [InlineData(CallPlacementError.InvalidNumber, ReasonCode.InvalidNumber)]
    [InlineData(CallPlacementError.Unavailable, ReasonCode.CallFailed)]
    [InlineData(CallPlacementError.RateLimited, ReasonCode.RateLimited)]
    public async Task A_call_the_carrier_refuses_is_stored_with_its_reason(CallPlacementError error, ReasonCode reason)
    {
        portal.Telephony.NextError = error;
        var (id, callSid) = await CallAsync();

        var session = await portal.SessionAsync(id);
        Assert.Null(callSid);
        Assert.Equal(SessionState.Error, session.State);
        Assert.Equal(reason, session.Reason);
    }

    [Fact]
    public async Task Asking_twice_returns_the_live_call_and_too_many_calls_are_refused()
    {
        var user = await portal.CreateCallerAsync("busy@example.com", enrolled: true);
        var service = portal.Services.GetRequiredService<VerificationService>();

        var first = await service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None);
        var again = await service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None);
        Assert.Equal(first.SessionId, again.SessionId);
        Assert.Single(portal.Telephony.Placed);

        for (var i = 0; i < 2; i++)
        {
            var (id, callSid) = await portal.SessionAsync(first.SessionId!.Value) is var s ? (s.Id, s.CallSid!) : default;
            await portal.StatusAsync(id, callSid, "no-answer", 9);
            first = await service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None);
            Assert.NotNull(first.SessionId);
        }

        var last = await portal.SessionAsync(first.SessionId!.Value);
        await portal.StatusAsync(last.Id, last.CallSid!, "busy", 9);
        var refused = await service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None);

        Assert.Equal(ReasonCode.RateLimited, refused.Refusal);
        Assert.Equal(3, portal.Telephony.Placed.Count);
    }

    public void Dispose() => portal.Dispose();
}
