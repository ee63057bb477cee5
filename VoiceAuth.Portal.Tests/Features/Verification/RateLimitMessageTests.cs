using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>A person refused for asking too many calls is told when asking again will work.</summary>
public sealed class RateLimitMessageTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    [Fact]
    public async Task The_refusal_says_when_the_oldest_call_leaves_the_window()
    {
        portal.Settings["Verification:CallsPerWindow"] = "1";
        portal.Settings["Verification:CallWindowMinutes"] = "30";
        var user = await portal.CreateCallerAsync("wait@example.com", enrolled: true);
        var service = portal.Services.GetRequiredService<VerificationService>();
        var first = await service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None);
        var session = await portal.SessionAsync(first.SessionId!.Value);
        await portal.StatusAsync(session.Id, session.CallSid!, "no-answer", 9);

        var refused = await service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None);

        Assert.Equal(ReasonCode.RateLimited, refused.Refusal);
        Assert.EndsWith("Try again in 30 minutes.", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, "in 1 minute")]
    [InlineData(61, "in 2 minutes")]
    [InlineData(29 * 60 + 1, "in 30 minutes")]
    [InlineData(5 * 3600 + 60, "in 6 hours")]
    public void Waits_are_rounded_up(int seconds, string said) =>
        Assert.Equal(said, CallLimits.RetryIn(TimeSpan.FromSeconds(seconds)));

    public void Dispose() => portal.Dispose();
}
