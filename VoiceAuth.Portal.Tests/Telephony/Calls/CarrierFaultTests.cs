using Microsoft.EntityFrameworkCore;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Biometrics;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony.Calls;

/// <summary>Twilio as it behaves on a bad day: callbacks twice and out of order, recordings not ready at once.</summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class CarrierFaultTests(SpeechCorpusFixture corpus) : IDisposable
{
    private readonly Speech speech = new(corpus);
    private EmulatedPortal? portal;

    private EmulatedPortal Portal(params (string Key, string Value)[] faults)
    {
        portal = new EmulatedPortal();
        foreach (var (key, value) in faults)
        {
            portal.Settings[$"Twilio:Emulator:Faults:{key}"] = value;
        }

        return portal.Started();
    }

    [Fact]
    public async Task Duplicated_and_reordered_status_callbacks_leave_one_clean_history()
    {
        var p = Portal(("DuplicateStatusCallbacks", "true"), ("ReorderStatusCallbacks", "true"));
        var handset = new ScriptedHandset().PressDigits(p.CodeForCall).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2]);
        var (user, _) = await p.CreateCallerAsync("faults@example.com", handset);

        var (session, _) = await p.CallAsync(user, SessionPurpose.Enroll);
        await Task.Delay(300); // let the last (duplicated) callbacks land

        var events = await p.EventsAsync(session.Id);
        Assert.Equal(SessionState.Passed, (await p.WithDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).State);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Sequence));
        Assert.Single(events, e => e.State == SessionState.Passed);
        Assert.True(events.Count(e => e.State == SessionState.Ringing) <= 1);
        Assert.Equal(SessionState.Passed, events[^1].State);
    }

    [Fact]
    public async Task Recordings_that_are_not_ready_at_first_are_fetched_again()
    {
        var p = Portal(("RecordingNotFoundFetches", "2"));
        var handset = new ScriptedHandset().PressDigits(p.CodeForCall).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2]);
        var (user, _) = await p.CreateCallerAsync("late@example.com", handset);

        var (session, call) = await p.CallAsync(user, SessionPurpose.Enroll);

        Assert.Equal(SessionState.Passed, session.State);
        Assert.Equal(3, call.RecordingSids.Count);
        Assert.True((await p.WithDbAsync(db => db.Voiceprints.SingleAsync())).IsComplete);
    }

    public void Dispose() => portal?.Dispose();
}
