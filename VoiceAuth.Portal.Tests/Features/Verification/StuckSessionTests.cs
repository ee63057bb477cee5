using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>
/// Issue 10, finding 6: a final status callback lost while the portal was down must not leave the session live
/// (and the person's line "busy") until it expires — the carrier is asked how the call ended.
/// </summary>
public sealed class StuckSessionTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    /// <summary>A call answered, its code keyed, now recording — and then every webhook for it was lost.</summary>
    private async Task<(string User, Guid Id, string CallSid)> StuckCallAsync(TimeSpan quietFor)
    {
        var user = await portal.CreateCallerAsync($"{Guid.NewGuid():N}@example.com", enrolled: true);
        var (id, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        await portal.VoiceAsync("answer", id, callSid);
        await portal.KeyCodeAsync(id, callSid);
        portal.Telephony.CallStatuses[callSid] = "completed"; // the carrier knows the call is over
        var since = DateTimeOffset.UtcNow - quietFor;
        await portal.WithDbAsync(db => db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.StateChangedAt, since)));
        return (user, id, callSid);
    }

    [Fact]
    public async Task Asking_again_settles_a_session_whose_call_had_ended_and_places_a_new_call()
    {
        var (user, stuck, callSid) = await StuckCallAsync(TimeSpan.FromMinutes(1));

        var again = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user, SessionPurpose.Verify, CancellationToken.None);

        Assert.True(again.SessionId.HasValue, again.Message);
        Assert.NotEqual(stuck, again.SessionId);
        var old = await portal.SessionAsync(stuck);
        Assert.Equal(SessionState.Failed, old.State);
        Assert.Equal(ReasonCode.HungUp, old.Reason);
        Assert.Contains(callSid, portal.Telephony.StatusFetched);
        Assert.Equal(2, portal.Telephony.Placed.Count);
    }

    [Fact]
    public async Task A_call_the_carrier_still_has_is_left_alone()
    {
        var (user, live, callSid) = await StuckCallAsync(TimeSpan.FromMinutes(1));
        portal.Telephony.CallStatuses[callSid] = "in-progress";

        var again = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user, SessionPurpose.Verify, CancellationToken.None);

        Assert.Equal(live, again.SessionId); // the same call, not a second one
        Assert.Equal(SessionState.Recording, (await portal.SessionAsync(live)).State);
        Assert.Single(portal.Telephony.Placed);
    }

    [Fact]
    public async Task The_sweeper_settles_quiet_sessions_without_waiting_for_expiry()
    {
        var (_, stuck, _) = await StuckCallAsync(TimeSpan.FromMinutes(3));

        await portal.Services.GetRequiredService<SessionSweeper>().SweepAsync(CancellationToken.None);

        var session = await portal.SessionAsync(stuck);
        Assert.True(session.IsFinal, session.State.ToString());
        Assert.True(session.ExpiresAt > DateTimeOffset.UtcNow); // settled by the carrier's word, not by expiry
        Assert.True(session.CallEnded);
    }

    public void Dispose() => portal.Dispose();
}
