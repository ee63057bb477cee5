using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Telephony.Twilio;
using VoiceAuth.Portal.Tests.Biometrics;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony.Calls;

/// <summary>
/// The carrier outlives the portal: a standalone emulator ("Twilio") keeps the call while the portal process is
/// stopped between two recordings and a new one is started on the same database.
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class RestartMidCallTests(SpeechCorpusFixture corpus)
{
    private const string Token = "restart-test-auth-token";

    [Fact]
    public async Task A_call_continues_on_a_restarted_portal()
    {
        var speech = new Speech(corpus);
        await using var twilio = await StandaloneTwilioEmulator.StartAsync(new TwilioEmulatorOptions { AuthToken = Token });
        Func<string, string>? keyCode = null; // the code the page shows, once the portal exists
        var gate = new GatedHandset(new ScriptedHandset().PressDigits(sid => keyCode!(sid)).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2]), gateAtRecord: 2);
        twilio.Emulator.Handsets.Register("+12015550199", gate);

        var before = Portal(twilio);
        keyCode = before.CodeForCall;
        before.KeepDirectory = true;
        twilio.Emulator.UsePortalHandler(before.Server.CreateHandler());
        var user = await before.CreateUserAsync("restart@example.com", phone: "+12015550199");
        await before.WithDbAsync(db => { db.VoiceConsents.Add(new VoiceAuth.Portal.Features.Voiceprints.VoiceConsent { UserId = user.Id }); return db.SaveChangesAsync(); });
        var started = await before.Services.GetRequiredService<VerificationService>().StartAsync(user.Id, SessionPurpose.Enroll, CancellationToken.None);
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // The caller is saying the passphrase a second time. The portal goes down and comes back.
        var directory = before.Directory;
        before.Dispose();
        using var after = Portal(twilio, directory);
        twilio.Emulator.UsePortalHandler(after.Server.CreateHandler());
        gate.Release();

        var sid = (await after.WithDbAsync(db => db.Sessions.SingleAsync(s => s.Id == started.SessionId))).CallSid!;
        var call = await twilio.Emulator.WaitForCallAsync(sid, TimeSpan.FromSeconds(60));
        await PhoneFlowTests.WaitUntilAsync(() => after.WithDbAsync(db => db.Sessions.AnyAsync(s => s.Id == started.SessionId && s.State == SessionState.Passed)));

        Assert.Equal("Your voiceprint is ready. Goodbye.", call.Said[^1]);
        Assert.True((await after.WithDbAsync(db => db.Voiceprints.SingleAsync())).IsComplete);
        Assert.Empty(call.Errors);
    }

    /// <summary>The portal as deployed against a real Twilio account — here the standalone emulator on loopback.</summary>
    private static PortalFactory Portal(StandaloneTwilioEmulator twilio, string? directory = null)
    {
        var portal = new PortalFactory(directory);
        portal.Settings["Twilio:Mode"] = "Twilio"; // Development would default to the embedded emulator
        portal.Settings["Twilio:AccountSid"] = twilio.Emulator.AccountSid;
        portal.Settings["Twilio:AuthToken"] = Token;
        portal.Settings["Twilio:FromNumber"] = twilio.Emulator.DefaultFromNumber;
        portal.Settings["Twilio:PublicBaseUrl"] = "https://localhost/";
        portal.TestServices.Add(services => services.AddHttpClient(TwilioTelephony.HttpClientName)
            .AddHttpMessageHandler(() => new TwilioApiRedirectHandler(twilio.BaseAddress)));
        return portal;
    }

    /// <summary>A scripted phone that stops before its n-th recording until the test lets it go on.</summary>
    private sealed class GatedHandset(ScriptedHandset inner, int gateAtRecord) : IHandset
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int records;

        public Task Reached => reached.Task;

        public void Release() => released.TrySetResult();

        public bool IsRealTime => inner.IsRealTime;

        public Task<HandsetAnswer> RingAsync(HandsetLine line, CancellationToken ringing) => inner.RingAsync(line, ringing);

        public Task<bool> HearAsync(HandsetLine line, HeardPrompt prompt, CancellationToken call) => inner.HearAsync(line, prompt, call);

        public Task<GatherOutcome> GatherAsync(HandsetLine line, GatherPrompt gather, CancellationToken call) => inner.GatherAsync(line, gather, call);

        public async Task<RecordOutcome> RecordAsync(HandsetLine line, RecordPrompt record, CancellationToken call)
        {
            if (Interlocked.Increment(ref records) == gateAtRecord)
            {
                reached.TrySetResult();
                await released.Task.WaitAsync(call);
            }

            return await inner.RecordAsync(line, record, call);
        }

        public void Ended(CallSnapshot call) => inner.Ended(call);
    }
}
