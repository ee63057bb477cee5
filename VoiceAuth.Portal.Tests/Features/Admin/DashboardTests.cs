using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Admin.Dashboard;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Admin;

/// <summary>The dashboard's figures over known calls, and the page following calls as they end.</summary>
public sealed class DashboardTests : MudTestContext
{
    private readonly PhoneFlowHarness portal = new();

    public DashboardTests()
    {
        Services.AddSingleton(portal.Services.GetRequiredService<AdminDashboard>());
        Services.AddSingleton(portal.Services.GetRequiredService<SessionNotifier>());
        SignInAsAdminOnCircuit();
    }

    [Fact]
    public async Task Figures_count_known_calls_by_outcome_second_attempts_and_seconds_on_the_phone()
    {
        var ann = await portal.CreateCallerAsync("ann@example.com", enrolled: true);
        var bob = await portal.CreateCallerAsync("bob@example.com", enrolled: true);
        await portal.CreateUserAsync("new@example.com");
        var now = DateTimeOffset.UtcNow;
        await portal.WithDbAsync(async db =>
        {
            db.Sessions.AddRange(
                Call(ann, SessionPurpose.Verify, SessionState.Failed, now.AddMinutes(-20), talkSeconds: 12),
                Call(ann, SessionPurpose.Verify, SessionState.Passed, now.AddMinutes(-10), talkSeconds: 15), // ann's second attempt
                Call(bob, SessionPurpose.Verify, SessionState.Failed, now.AddMinutes(-90), talkSeconds: 13),
                Call(bob, SessionPurpose.Verify, SessionState.Passed, now.AddMinutes(-5), talkSeconds: 20), // 85 minutes later: not a second attempt
                Call(bob, SessionPurpose.Verify, SessionState.NoAnswer, now.AddMinutes(-4)),
                Call(bob, SessionPurpose.Verify, SessionState.Error, now.AddMinutes(-3)),
                Call(bob, SessionPurpose.Enroll, SessionState.Passed, now.AddMinutes(-2), talkSeconds: 40),
                Call(bob, SessionPurpose.Verify, SessionState.Calling, now.AddMinutes(-1)), // under way: no outcome yet
                Call(bob, SessionPurpose.Verify, SessionState.Failed, now.AddDays(-40), talkSeconds: 99)); // before the window
            return await db.SaveChangesAsync();
        });

        var figures = await portal.Services.GetRequiredService<AdminDashboard>().LoadAsync();

        Assert.Equal((3L, 2L, 1L), (figures.Accounts, figures.Enrolled, figures.NotEnrolled));
        Assert.Equal(
            new Dictionary<SessionState, long> { [SessionState.Passed] = 3, [SessionState.Failed] = 2, [SessionState.NoAnswer] = 1, [SessionState.Error] = 1 },
            figures.CallsByOutcome);
        var days = figures.VerificationsPerDay(DateOnly.FromDateTime(now.UtcDateTime));
        Assert.Equal(AdminDashboard.DefaultDays, days.Count);
        Assert.Equal((2L, 2L, 1L, 1L), (days.Sum(d => d.Passed), days.Sum(d => d.Failed), days.Sum(d => d.NoAnswer), days.Sum(d => d.Error)));
        Assert.Equal(1, figures.SecondAttempts);
        Assert.Equal(2, figures.VerificationsPassed);
        Assert.Equal(20.0, figures.AverageSecondsOnPhone); // (12 + 15 + 13 + 20 + 40) / 5 answered calls
    }

    [Fact]
    public async Task The_page_shows_a_call_that_ends_while_it_is_open()
    {
        var caller = await portal.CreateCallerAsync("caller@example.com", enrolled: true);
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Contains("1 / 0", page.Find("#dash-enrolled").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Passed", page.Find("#dash-outcome-table").TextContent, StringComparison.Ordinal);

        var (id, callSid) = await portal.StartAsync(caller, SessionPurpose.Verify);
        await portal.PassVerificationCallAsync(id, callSid);

        page.WaitForAssertion(
            () => Assert.Contains("Passed1", page.Find("#dash-outcome-table").TextContent.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal),
            TimeSpan.FromSeconds(15));
    }

    private static VerificationSession Call(string userId, SessionPurpose purpose, SessionState state, DateTimeOffset at, int? talkSeconds = null) => new()
    {
        UserId = userId,
        Purpose = purpose,
        State = state,
        CreatedAt = at,
        ExpiresAt = at.AddMinutes(10),
        StateChangedAt = at,
        AnsweredAt = talkSeconds is null ? null : at.AddSeconds(10),
        CompletedAt = talkSeconds is { } s ? at.AddSeconds(10 + s) : at.AddSeconds(30),
    };

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        portal.Dispose();
    }
}
