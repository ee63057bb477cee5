using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Admin;

public sealed class AdminDirectoryTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    [Fact]
    public async Task Admins_see_each_accounts_enrollment_state_and_the_totals()
    {
        var enrolled = await portal.CreateCallerAsync("enrolled@example.com", enrolled: true);
        var enrolling = await portal.CreateCallerAsync("enrolling@example.com", enrollments: 2);
        var locked = await portal.CreateCallerAsync("locked@example.com", enrolled: true);
        await portal.CreateCallerAsync("new@example.com");
        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == locked)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(10))));
        var (sessionId, callSid) = await portal.StartAsync(enrolled, SessionPurpose.Verify);

        var (summary, users) = await portal.Services.GetRequiredService<AdminDirectory>().ListAsync();

        Assert.Equal(new AdminSummary(Accounts: 4, Enrolled: 1, Enrolling: 1, Locked: 1, CallsToday: 1, LiveCalls: 1), summary);
        Assert.Equal(EnrollmentStatus.Enrolling, users.Single(u => u.Id == enrolling).Enrollment);
        Assert.Equal(2, users.Single(u => u.Id == enrolling).EnrollmentCount);
        Assert.Equal(SessionState.Calling, users.Single(u => u.Id == enrolled).LastOutcome);
        Assert.All(users, u => Assert.DoesNotContain("5550123", u.MaskedPhone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unlocking_clears_the_lockout_and_the_failure_count()
    {
        var user = await portal.CreateCallerAsync("unlock@example.com", enrolled: true);
        await portal.WithDbAsync(db => db.Voiceprints.ExecuteUpdateAsync(u => u
            .SetProperty(v => v.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(10)).SetProperty(v => v.ConsecutiveFailures, 3)));

        await portal.Services.GetRequiredService<AdminDirectory>().UnlockAsync(user);

        var voiceprint = await portal.WithDbAsync(db => db.Voiceprints.SingleAsync());
        Assert.Null(voiceprint.LockedUntil);
        Assert.Equal(0, voiceprint.ConsecutiveFailures);
    }

    public void Dispose() => portal.Dispose();
}
