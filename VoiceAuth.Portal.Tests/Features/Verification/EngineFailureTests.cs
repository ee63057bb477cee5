using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>When the engine or the recording cannot be used: the caller is told plainly, nothing is half-decided.</summary>
public sealed class EngineFailureTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    private async Task<(Guid Id, string CallSid)> RecordingAsync()
    {
        var user = await portal.CreateCallerAsync($"{Guid.NewGuid():N}@example.com", enrolled: true);
        var (id, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        await portal.VoiceAsync("answer", id, callSid);
        await portal.KeyCodeAsync(id, callSid);
        return (id, callSid);
    }

    [Fact]
    public async Task An_unreachable_engine_is_an_error_not_a_failed_attempt()
    {
        portal.Engine.Answers[9] = (BiometricDecision.Error, ReasonCode.ServiceUnavailable, 0);
        var (id, callSid) = await RecordingAsync();

        await portal.RecordAsync(id, callSid, 1, script: 9);
        var twiml = await portal.WaitAsync(id, callSid);

        Assert.Contains("not available right now", twiml, StringComparison.Ordinal);
        var session = await portal.SessionAsync(id);
        Assert.Equal(SessionState.Error, session.State);
        Assert.Equal(ReasonCode.ServiceUnavailable, session.Reason);
        Assert.Equal(0, (await portal.WithDbAsync(db => db.Voiceprints.SingleAsync())).ConsecutiveFailures);
    }

    [Fact]
    public async Task An_oversized_recording_is_refused_unread_and_asked_again()
    {
        var (id, callSid) = await RecordingAsync();
        var sid = "RE" + new string('9', 32);
        portal.Telephony.Oversized.Add(sid);

        await portal.VoiceAsync("recorded", id, callSid, new() { ["RecordingSid"] = sid, ["RecordingDuration"] = "4" }, "?step=1");
        var twiml = await portal.WaitAsync(id, callSid);

        Assert.Contains("<Record", twiml, StringComparison.Ordinal);
        Assert.Equal(ReasonCode.TooLarge, (await portal.SessionAsync(id)).Reason);
        Assert.Contains(sid, portal.Telephony.Deleted);
        Assert.Equal(0, portal.Engine.Calls);
    }

    public void Dispose() => portal.Dispose();
}
