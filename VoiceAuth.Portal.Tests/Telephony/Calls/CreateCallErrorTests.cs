using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Telephony.Calls;

/// <summary>Twilio refusing to place a call (through the real SDK and the emulator's error answers) is a stored, explained outcome.</summary>
public sealed class CreateCallErrorTests : IDisposable
{
    private readonly EmulatedPortal portal = new();

    [Theory]
    [InlineData("+447400123456", ReasonCode.InvalidNumber)] // geo permission refused (21215) for the blocked prefix
    public async Task A_refused_call_ends_the_session_with_a_reason(string phone, ReasonCode reason)
    {
        portal.Settings["Accounts:AllowedCountries:0"] = "US";
        portal.Settings["Accounts:AllowedCountries:1"] = "GB"; // allowed here, refused by the carrier
        portal.Settings["Twilio:Emulator:BlockedPrefixes:0"] = "+44";
        portal.Started();
        var user = await portal.CreateUserAsync($"{Guid.NewGuid():N}@example.com", phone: phone);
        await portal.WithDbAsync(db => { db.VoiceConsents.Add(new Portal.Features.Voiceprints.VoiceConsent { UserId = user.Id }); return db.SaveChangesAsync(); });

        var started = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user.Id, SessionPurpose.Enroll, CancellationToken.None);

        var session = await portal.WithDbAsync(db => db.Sessions.SingleAsync(s => s.Id == started.SessionId));
        Assert.Equal(SessionState.Error, session.State);
        Assert.Equal(reason, session.Reason);
        Assert.Null(session.CallSid);
        Assert.Contains("cannot be called", SessionText.Describe(session.Purpose, session.State, session.Step, session.StepsNeeded, session.Reason), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_that_is_not_callable_is_refused_before_the_carrier_is_asked()
    {
        portal.Started();
        var user = await portal.CreateUserAsync($"{Guid.NewGuid():N}@example.com", phone: "+1555"); // saved before today's rules
        await portal.WithDbAsync(db => { db.VoiceConsents.Add(new Portal.Features.Voiceprints.VoiceConsent { UserId = user.Id }); return db.SaveChangesAsync(); });

        var started = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user.Id, SessionPurpose.Enroll, CancellationToken.None);

        Assert.Null(started.SessionId);
        Assert.Equal(ReasonCode.InvalidNumber, started.Refusal);
        Assert.Equal(0, await portal.WithDbAsync(db => db.Sessions.CountAsync()));
    }

    public void Dispose() => portal.Dispose();
}
