using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

public sealed class SessionRetentionTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    public SessionRetentionTests() => portal.Settings["Verification:RetentionDays"] = "30";

    [Fact]
    public async Task The_sweep_deletes_old_finished_sessions_with_their_events_and_recordings_and_keeps_everything_still_needed()
    {
        var user = await portal.CreateCallerAsync("history@example.com", enrolled: true);
        var other = await portal.CreateCallerAsync("latest@example.com", enrolled: true);
        var oldPassed = await SessionAsync(user, SessionState.Passed, daysAgo: 40);
        var oldFailed = await SessionAsync(user, SessionState.Failed, daysAgo: 31);
        var recentPassed = await SessionAsync(user, SessionState.Passed, daysAgo: 29);
        var oldButLive = await SessionAsync(user, SessionState.Checking, daysAgo: 40);
        var oldRecordingStillAtCarrier = await SessionAsync(user, SessionState.Passed, daysAgo: 40, deletedAtCarrier: false);
        var oldButInTheCallSlot = await SessionAsync(other, SessionState.Passed, daysAgo: 40);
        await portal.WithDbAsync(db =>
        {
            db.CallSlots.Add(new CallSlot { UserId = other, SessionId = oldButInTheCallSlot });
            return db.SaveChangesAsync();
        });

        var swept = await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Equal(2, swept);
        var left = await portal.WithDbAsync(db => db.Sessions.Select(s => s.Id).ToListAsync());
        Assert.Equal(new[] { recentPassed, oldButLive, oldRecordingStillAtCarrier, oldButInTheCallSlot }.Order(), left.Order());
        Assert.DoesNotContain(oldPassed, left);
        Assert.DoesNotContain(oldFailed, left);
        var eventsOf = await portal.WithDbAsync(db => db.SessionEvents.Select(e => e.SessionId).Distinct().ToListAsync());
        var recordingsOf = await portal.WithDbAsync(db => db.Recordings.Select(r => r.SessionId).Distinct().ToListAsync());
        Assert.Equal(left.Order(), eventsOf.Order());
        Assert.Equal(left.Order(), recordingsOf.Order());
        Assert.Equal(0, await Sweeper().SweepAsync(CancellationToken.None));
    }

    [Fact]
    public void A_retention_shorter_than_the_call_limits_look_back_stops_start_up()
    {
        using var bad = new PhoneFlowHarness();
        bad.Settings["Verification:RetentionDays"] = "1";

        var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());

        Assert.Contains("Verification:RetentionDays must be between 2", error.ToString(), StringComparison.Ordinal);
    }

    private SessionRetentionSweeper Sweeper() =>
        portal.Services.GetServices<IHostedService>().OfType<SessionRetentionSweeper>().Single();

    private async Task<Guid> SessionAsync(string userId, SessionState state, int daysAgo, bool deletedAtCarrier = true)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-daysAgo);
        var session = new VerificationSession
        {
            UserId = userId,
            Purpose = SessionPurpose.Verify,
            State = state,
            CreatedAt = at,
            StateChangedAt = at,
            // A live one unexpired, so that the housekeeping sweep leaves it live while the test runs.
            ExpiresAt = SessionStates.Live.Contains(state) ? DateTimeOffset.UtcNow.AddMinutes(10) : at.AddMinutes(10),
        };
        await portal.WithDbAsync(db =>
        {
            db.Sessions.Add(session);
            db.SessionEvents.Add(new SessionEvent { SessionId = session.Id, Sequence = 0, State = state, At = at });
            db.Recordings.Add(new CallRecording
            {
                SessionId = session.Id,
                RecordingSid = $"RE{Guid.NewGuid():N}",
                RecordingUrl = "https://api.twilio.com/recording",
                Status = RecordingStatus.Scored,
                DeletedAtCarrier = deletedAtCarrier,
                CreatedAt = at,
            });
            return db.SaveChangesAsync();
        });
        return session.Id;
    }

    public void Dispose() => portal.Dispose();
}
