using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>
/// Every timestamp a call writes comes from the injected TimeProvider: with the portal's clock a day behind, the
/// stamps are a day behind too (a stray DateTimeOffset.UtcNow would show up as "now").
/// </summary>
public sealed class OneClockTests
{
    private static readonly TimeSpan Shift = TimeSpan.FromDays(-1);

    [Fact]
    public async Task Status_callbacks_state_changes_and_voiceprints_are_stamped_by_the_injected_clock()
    {
        using var portal = new PhoneFlowHarness();
        portal.TestServices.Add(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new ShiftedClock(Shift));
        });
        var user = await portal.CreateCallerAsync("clock@example.com", enrolled: true);
        var (id, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);

        await portal.StatusAsync(id, callSid, "ringing", 1);
        await portal.StatusAsync(id, callSid, "in-progress", 2);

        var session = await portal.SessionAsync(id);
        var voiceprint = await portal.WithDbAsync(db => Task.FromResult(db.Voiceprints.Single()));
        AssertShifted(session.AnsweredAt);
        AssertShifted(session.StateChangedAt);
        AssertShifted(voiceprint.EnrolledAt);
        AssertShifted(voiceprint.UpdatedAt);
    }

    private static void AssertShifted(DateTimeOffset? stamp)
    {
        Assert.NotNull(stamp);
        var expected = DateTimeOffset.UtcNow + Shift;
        Assert.InRange(stamp.Value, expected - TimeSpan.FromMinutes(5), expected + TimeSpan.FromMinutes(5));
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
