using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony.Calls;

/// <summary>
/// The whole portal as shipped — real engine, real Twilio SDK, the built-in emulator — with scripted handsets
/// answering the calls. Only the network is in memory (the emulator reaches the portal through the TestServer).
/// </summary>
public sealed class EmulatedPortal : PortalFactory
{
    private static int nextNumber;

    public EmulatedPortal(string? directory = null)
        : base(directory)
    {
    }

    internal TwilioEmulator Emulator => Services.GetRequiredService<TwilioEmulator>();

    /// <summary>Starts the host and points the emulator's webhooks at it.</summary>
    public EmulatedPortal Started()
    {
        _ = Server;
        Emulator.UsePortalHandler(Server.CreateHandler());
        return this;
    }

    /// <summary>A person with a unique phone number, consent given, and (optionally) a handset on that number.</summary>
    internal async Task<(string UserId, string Phone)> CreateCallerAsync(string email, ScriptedHandset? handset = null)
    {
        var phone = $"+1201555{1000 + Interlocked.Increment(ref nextNumber) % 9000:D4}";
        var user = await CreateUserAsync(email, phone: phone);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VoiceAuth.Portal.Data.AppDbContext>();
        db.VoiceConsents.Add(new VoiceConsent { UserId = user.Id, TextVersion = 1 });
        await db.SaveChangesAsync();
        if (handset is not null)
        {
            Emulator.Handsets.Register(phone, handset);
        }

        return (user.Id, phone);
    }

    /// <summary>Places a call through the service and waits until both the call and the session are over.</summary>
    internal async Task<(VerificationSession Session, CallSnapshot Call)> CallAsync(string userId, SessionPurpose purpose)
    {
        var started = await Services.GetRequiredService<VerificationService>().StartAsync(userId, purpose, CancellationToken.None);
        Assert.True(started.SessionId.HasValue, started.Message);
        var id = started.SessionId.Value;
        var session = await WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.NotNull(session.CallSid);
        var call = await Emulator.WaitForCallAsync(session.CallSid, TimeSpan.FromSeconds(60));
        for (var i = 0; i < 200 && !session.IsFinal; i++)
        {
            await Task.Delay(25);
            session = await WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == id));
        }

        return (session, call);
    }

    public Task<List<SessionEvent>> EventsAsync(Guid id) =>
        WithDbAsync(db => db.SessionEvents.AsNoTracking().Where(e => e.SessionId == id).OrderBy(e => e.Sequence).ToListAsync());
}
