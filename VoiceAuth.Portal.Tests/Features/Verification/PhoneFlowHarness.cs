using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Telephony;
using VoiceAuth.Portal.Telephony.Twilio;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>
/// The portal with a carrier double and a scripted engine, driven webhook by webhook the way Twilio would —
/// for the phone flow's logic. (Whole calls through the emulator and the real engine are tested elsewhere.)
/// </summary>
public sealed class PhoneFlowHarness : PortalFactory
{
    private static int nextNumber;

    public FakeTelephony Telephony { get; } = new();

    public ScriptedEngine Engine { get; } = new();

    public PhoneFlowHarness(string? directory = null)
        : base(directory)
    {
        // Admission control off: it hears every scoring in this test process (its meter is static), and after a
        // neighbour's slow one (an engine a test stalls for seconds) a fresh portal admits bursts of only two calls —
        // a test placing four calls in a second to check the abuse limits was refused "busy" on the fourth (CI, stop 21).
        // The admission's own tests switch it back on.
        Settings["Capacity:Enabled"] = "false";
        TestServices.Add(services =>
        {
            services.RemoveAll<ITelephony>();
            services.AddSingleton<ITelephony>(Telephony);
            services.RemoveAll<IVoiceBiometrics>();
            services.AddSingleton<IVoiceBiometrics>(Engine);
        });
    }

    public string AuthToken => Services.GetRequiredService<TwilioAccount>().AuthToken;

    public async Task<string> CreateCallerAsync(string email, bool enrolled = false, int enrollments = 0)
    {
        // A number of its own (per-number limits count across accounts); proven when enrolled, as the enrollment call does.
        var user = await CreateUserAsync(email, phone: $"+1201555{1000 + (Interlocked.Increment(ref nextNumber) % 9000):D4}");
        if (enrolled)
        {
            await WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PhoneNumberConfirmed, true)));
        }

        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VoiceAuth.Portal.Data.AppDbContext>();
        db.VoiceConsents.Add(new VoiceConsent { UserId = user.Id, TextVersion = 1 });
        if (enrolled || enrollments > 0)
        {
            var voiceprint = new Voiceprint { UserId = user.Id, Engine = Engine.Engine };
            var count = enrolled ? 3 : enrollments;
            scope.ServiceProvider.GetRequiredService<VoiceprintStore>().Protect(voiceprint, new VoiceprintState(Engine.Engine, [1, 2, 3], count, enrolled));
            db.Voiceprints.Add(voiceprint);
        }

        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>An enrolled caller whose sign-in now takes the call as well as the password.</summary>
    public async Task<string> CreateVoiceGatedAsync(string email)
    {
        var user = await CreateCallerAsync(email, enrolled: true);
        await WithDbAsync(db => db.Users.Where(u => u.Id == user).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true)));
        return user;
    }

    /// <summary>Plays the caller of a verification call: answers, presses 1 and says a take the scripted engine accepts.</summary>
    public async Task PassVerificationCallAsync(Guid sessionId, string callSid)
    {
        await VoiceAsync("answer", sessionId, callSid);
        await KeyCodeAsync(sessionId, callSid);
        await RecordAsync(sessionId, callSid, 1, script: 1);
        await WaitAsync(sessionId, callSid);
    }

    /// <summary>Keys the session's code, as the person reading it off the asking page would; returns the TwiML.</summary>
    public async Task<string> KeyCodeAsync(Guid sessionId, string callSid) =>
        await VoiceAsync("consent", sessionId, callSid, new() { ["Digits"] = (await SessionAsync(sessionId)).CallCode! });

    /// <summary>Starts a session through the service and returns it with the CallSid the carrier gave.</summary>
    public async Task<(Guid Id, string CallSid)> StartAsync(string userId, SessionPurpose purpose)
    {
        var result = await Services.GetRequiredService<VerificationService>().StartAsync(userId, purpose, CancellationToken.None);
        Assert.True(result.SessionId.HasValue, result.Message);
        var session = await SessionAsync(result.SessionId.Value);
        return (session.Id, session.CallSid!);
    }

    public Task<VerificationSession> SessionAsync(Guid id) => WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == id));

    public Task<List<SessionEvent>> EventsAsync(Guid id) =>
        WithDbAsync(db => db.SessionEvents.AsNoTracking().Where(e => e.SessionId == id).OrderBy(e => e.Sequence).ToListAsync());

    /// <summary>Posts a signed voice webhook and returns the TwiML.</summary>
    public async Task<string> VoiceAsync(string action, Guid sessionId, string callSid, Dictionary<string, string>? fields = null, string query = "")
    {
        var form = new Dictionary<string, string>(fields ?? []) { ["CallSid"] = callSid, ["AccountSid"] = "AC" + new string('0', 32) };
        var response = await CreateClient().PostSignedAsync(AuthToken, $"/twilio/voice/{sessionId:N}/{action}{query}", form);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task StatusAsync(Guid sessionId, string callSid, string status, int sequence, string? answeredBy = null)
    {
        var form = new Dictionary<string, string> { ["CallSid"] = callSid, ["CallStatus"] = status, ["SequenceNumber"] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (answeredBy is not null)
        {
            form["AnsweredBy"] = answeredBy;
        }

        var response = await CreateClient().PostSignedAsync(AuthToken, $"/twilio/status/{sessionId:N}", form);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Hands Twilio's recording to the carrier double and posts the Record action for it.</summary>
    public Task<string> RecordAsync(Guid sessionId, string callSid, int step, byte script)
    {
        var sid = "RE" + Guid.NewGuid().ToString("N");
        Telephony.Recordings[sid] = [script, 1, 2, 3];
        return VoiceAsync("recorded", sessionId, callSid, new()
        {
            ["RecordingSid"] = sid,
            ["RecordingUrl"] = $"https://api.twilio.com/2010-04-01/Accounts/AC{new string('0', 32)}/Recordings/{sid}",
            ["RecordingDuration"] = "3",
        }, $"?step={step}");
    }

    /// <summary>Polls the wait webhook like Twilio until the session leaves Checking; returns that TwiML.</summary>
    public async Task<string> WaitAsync(Guid sessionId, string callSid)
    {
        for (var poll = 1; poll < 200; poll++)
        {
            if ((await SessionAsync(sessionId)).State != SessionState.Checking)
            {
                return await VoiceAsync("wait", sessionId, callSid, query: $"?poll={poll}");
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The recording was never scored.");
    }
}
