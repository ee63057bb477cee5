using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

public sealed class RestartTests
{
    [Fact]
    public async Task A_portal_restarted_mid_call_continues_the_call_from_the_database()
    {
        string directory;
        Guid id;
        string callSid;
        using (var before = new PhoneFlowHarness())
        {
            directory = before.Directory;
            before.KeepDirectory = true;
            var user = await before.CreateCallerAsync("restart@example.com", enrolled: true);
            (id, callSid) = await before.StartAsync(user, SessionPurpose.Verify);
            await before.VoiceAsync("answer", id, callSid);
            await before.KeyCodeAsync(id, callSid);
        }

        // A new process: same database and keys, nothing in memory.
        using var after = new PhoneFlowHarness(directory);
        after.Engine.Answers[7] = (BiometricDecision.Accepted, ReasonCode.Ok, 88);
        var checking = await after.RecordAsync(id, callSid, 1, script: 7);
        var result = await after.WaitAsync(id, callSid);

        Assert.Contains("/wait?poll=1", checking, StringComparison.Ordinal);
        Assert.Contains("Verified", result, StringComparison.Ordinal);
        Assert.Equal(SessionState.Passed, (await after.SessionAsync(id)).State);
        Assert.Equal(1, after.Engine.Calls);
    }

    [Fact]
    public async Task A_recording_stored_before_a_crash_is_scored_after_the_restart()
    {
        string directory;
        Guid id;
        string callSid;
        using (var before = new PhoneFlowHarness())
        {
            directory = before.Directory;
            before.KeepDirectory = true;
            before.Settings["Verification:SessionMinutes"] = "10";
            var user = await before.CreateCallerAsync("crash@example.com", enrolled: true);
            (id, callSid) = await before.StartAsync(user, SessionPurpose.Verify);
            await before.VoiceAsync("answer", id, callSid);
            await before.KeyCodeAsync(id, callSid);
            // Twilio reports the recording, but the carrier has no audio for it yet: the first process cannot score it.
            await before.VoiceAsync("recorded", id, callSid, new() { ["RecordingSid"] = "RE" + new string('c', 32), ["RecordingDuration"] = "3" }, "?step=1");
        }

        using var after = new PhoneFlowHarness(directory);
        after.Telephony.Recordings["RE" + new string('c', 32)] = [1, 0, 0];
        // The dead process may have claimed it: its lease runs out (simulated here instead of waiting for it).
        await after.WithDbAsync(db => db.Recordings.ExecuteUpdateAsync(u => u.SetProperty(r => r.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var result = await after.WaitAsync(id, callSid);

        Assert.Contains("Verified", result, StringComparison.Ordinal);
    }
}
