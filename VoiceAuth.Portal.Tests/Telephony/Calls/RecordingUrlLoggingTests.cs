using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Telephony;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Tests.Infrastructure;
using VoiceAuth.Portal.Tests.Telephony.Emulator;

namespace VoiceAuth.Portal.Tests.Telephony.Calls;

/// <summary>Issue 10, finding 5: recording URLs (they name the account) are never logged, at any level.</summary>
public sealed class RecordingUrlLoggingTests : IDisposable
{
    private readonly CapturingLoggerProvider logs = new();
    private readonly EmulatedPortal portal = new();

    [Fact]
    public async Task A_call_whose_recording_is_downloaded_and_deleted_logs_no_recording_url_or_account_sid()
    {
        portal.TestServices.Add(services => services.AddSingleton<ILoggerProvider>(logs));
        portal.Started();
        var handset = new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(TestAudio.Tone(2, 8000));
        var (user, _) = await portal.CreateCallerAsync("logged@example.com", handset);

        var (_, call) = await portal.CallAsync(user, SessionPurpose.Enroll);
        await PhoneFlowWait.UntilAsync(() => call.RecordingSids.Count > 0
            && call.RecordingSids.All(sid => portal.Emulator.Recordings.Find(sid)?.IsDeleted != false));

        Assert.NotEmpty(call.RecordingSids); // a recording was made, fetched and deleted: there was something to log
        // The portal's logs; the emulator's own (it plays Twilio, whose console shows all of this) are not the portal's.
        var all = string.Join("\n", logs.Lines.Where(l => !l.Contains(" VoiceAuth.Emulator", StringComparison.Ordinal)));
        Assert.DoesNotContain("/Recordings/", all, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.Emulator.AccountSid, all, StringComparison.Ordinal);
        foreach (var sid in call.RecordingSids)
        {
            Assert.DoesNotContain(sid, all, StringComparison.Ordinal);
        }
    }

    public void Dispose() => portal.Dispose();
}
