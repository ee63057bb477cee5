using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>The phone flow webhook by webhook, with a scripted engine: byte 1 = accepted, 2 = too noisy, 3 = mismatch.</summary>
public sealed class PhoneFlowTests : IDisposable
{
    private const byte Good = 1, Noisy = 2, Impostor = 3;
    private readonly PhoneFlowHarness portal = new();

    public PhoneFlowTests()
    {
        portal.Engine.Answers[Good] = (BiometricDecision.Accepted, ReasonCode.Ok, 91);
        portal.Engine.Answers[Noisy] = (BiometricDecision.Retry, ReasonCode.TooNoisy, 0);
        portal.Engine.Answers[Impostor] = (BiometricDecision.Rejected, ReasonCode.Mismatch, 12);
    }

    private async Task<(Guid Id, string CallSid)> AnsweredAsync(SessionPurpose purpose, bool enrolled, int enrollments = 0)
    {
        var user = await portal.CreateCallerAsync($"{Guid.NewGuid():N}@example.com", enrolled, enrollments);
        var (id, callSid) = await portal.StartAsync(user, purpose);
        await portal.StatusAsync(id, callSid, "ringing", 1);
        var greeting = await portal.VoiceAsync("answer", id, callSid, new() { ["AnsweredBy"] = "human" });
        Assert.Contains("ey the code on your screen", greeting, StringComparison.Ordinal);
        var prompt = await portal.KeyCodeAsync(id, callSid);
        Assert.Contains("<Record", prompt, StringComparison.Ordinal);
        return (id, callSid);
    }

    [Fact]
    public async Task Verify_passes_and_the_recording_is_deleted_at_the_carrier()
    {
        var (id, callSid) = await AnsweredAsync(SessionPurpose.Verify, enrolled: true);

        var checking = await portal.RecordAsync(id, callSid, 1, Good);
        var result = await portal.WaitAsync(id, callSid);

        Assert.Contains("/wait?poll=1", checking, StringComparison.Ordinal);
        Assert.Contains("Verified", result, StringComparison.Ordinal);
        Assert.Contains("<Hangup", result, StringComparison.Ordinal);
        var session = await portal.SessionAsync(id);
        Assert.Equal(SessionState.Passed, session.State);
        Assert.Equal(91, session.Score);
        var states = (await portal.EventsAsync(id)).Select(e => e.State).ToList();
        Assert.Equal([SessionState.Calling, SessionState.Ringing, SessionState.Answered, SessionState.Recording, SessionState.Checking, SessionState.Passed], states);
        await WaitUntilAsync(() => portal.WithDbAsync(db => db.Recordings.AllAsync(r => r.DeletedAtCarrier)));
        Assert.Single(portal.Telephony.Deleted);
    }

    [Fact]
    public async Task Enrollment_takes_three_recordings_and_re_asks_a_bad_one()
    {
        var (id, callSid) = await AnsweredAsync(SessionPurpose.Enroll, enrolled: false);

        await portal.RecordAsync(id, callSid, 1, Good);
        var second = await portal.WaitAsync(id, callSid);
        await portal.RecordAsync(id, callSid, 2, Noisy);
        var reasked = await portal.WaitAsync(id, callSid);
        await portal.RecordAsync(id, callSid, 2, Good);
        await portal.WaitAsync(id, callSid);
        await portal.RecordAsync(id, callSid, 3, Good);
        var done = await portal.WaitAsync(id, callSid);

        Assert.Contains("Again.", second, StringComparison.Ordinal);
        Assert.Contains("too much noise", reasked, StringComparison.Ordinal);
        Assert.Contains("recorded?step=2", reasked, StringComparison.Ordinal);
        Assert.Contains("voiceprint is ready", done, StringComparison.Ordinal);
        var voiceprint = await portal.WithDbAsync(db => db.Voiceprints.SingleAsync());
        Assert.True(voiceprint.IsComplete);
        Assert.Equal(3, voiceprint.EnrollmentCount);
        var events = await portal.EventsAsync(id);
        Assert.Contains(events, e => e.State == SessionState.Recording && e.Step == 2 && e.Reason == ReasonCode.TooNoisy);
        Assert.Equal(SessionState.Passed, events[^1].State);
    }

    [Fact]
    public async Task Verify_fails_after_the_allowed_retries()
    {
        var (id, callSid) = await AnsweredAsync(SessionPurpose.Verify, enrolled: true);

        await portal.RecordAsync(id, callSid, 1, Impostor);
        var retry = await portal.WaitAsync(id, callSid);
        await portal.RecordAsync(id, callSid, 1, Impostor);
        var final = await portal.WaitAsync(id, callSid);

        Assert.Contains("did not match", retry, StringComparison.Ordinal);
        Assert.Contains("<Record", retry, StringComparison.Ordinal);
        Assert.Contains("not verified", final, StringComparison.Ordinal);
        var session = await portal.SessionAsync(id);
        Assert.Equal(SessionState.Failed, session.State);
        Assert.Equal(ReasonCode.Mismatch, session.Reason);
        Assert.Equal(2, (await portal.WithDbAsync(db => db.Voiceprints.SingleAsync())).ConsecutiveFailures);
    }

    [Fact]
    public async Task Repeated_failures_lock_voice_verification()
    {
        var (id, callSid) = await AnsweredAsync(SessionPurpose.Verify, enrolled: true);
        await portal.WithDbAsync(db => db.Voiceprints.ExecuteUpdateAsync(u => u.SetProperty(v => v.ConsecutiveFailures, 4)));

        await portal.RecordAsync(id, callSid, 1, Impostor);
        var final = await portal.WaitAsync(id, callSid);

        Assert.Contains("locked", final, StringComparison.Ordinal);
        Assert.Equal(ReasonCode.Locked, (await portal.SessionAsync(id)).Reason);
        var voiceprint = await portal.WithDbAsync(db => db.Voiceprints.SingleAsync());
        Assert.True(voiceprint.LockedUntil > DateTimeOffset.UtcNow.AddMinutes(20));
        var again = await portal.Services.GetRequiredService<VerificationService>().StartAsync(voiceprint.UserId, SessionPurpose.Verify, CancellationToken.None);
        Assert.Equal(ReasonCode.Locked, again.Refusal);
    }

    [Fact]
    public async Task A_quality_problem_is_re_asked_not_counted_as_a_failure()
    {
        var (id, callSid) = await AnsweredAsync(SessionPurpose.Verify, enrolled: true);

        await portal.RecordAsync(id, callSid, 1, Noisy);
        var again = await portal.WaitAsync(id, callSid);
        var silence = await portal.VoiceAsync("recorded", id, callSid, query: "?step=1"); // Twilio heard nothing
        await portal.RecordAsync(id, callSid, 1, Good);
        var result = await portal.WaitAsync(id, callSid);

        Assert.Contains("too much noise", again, StringComparison.Ordinal);
        Assert.Contains("did not hear enough", silence, StringComparison.Ordinal);
        Assert.Contains("Verified", result, StringComparison.Ordinal);
        Assert.Equal(0, (await portal.WithDbAsync(db => db.Voiceprints.SingleAsync())).ConsecutiveFailures);
    }

    public void Dispose() => portal.Dispose();

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(await condition(), "The condition never became true.");
    }
}
