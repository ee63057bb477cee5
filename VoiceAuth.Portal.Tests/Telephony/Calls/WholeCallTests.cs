using Microsoft.EntityFrameworkCore;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Biometrics;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony.Calls;

/// <summary>Whole calls, answered by scripted handsets, scored by the real built-in engine.</summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class WholeCallTests(SpeechCorpusFixture corpus) : IDisposable
{
    private readonly EmulatedPortal portal = new EmulatedPortal().Started();
    private readonly Speech speech = new(corpus);

    private async Task<string> EnrolledCallerAsync(string email)
    {
        var enroller = new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2]);
        var (user, phone) = await portal.CreateCallerAsync(email, enroller);
        var (session, call) = await portal.CallAsync(user, SessionPurpose.Enroll);
        Assert.True(session.State == SessionState.Passed, Describe(session, call));
        return phone;
    }

    [Fact]
    public async Task Enrollment_takes_three_recordings_re_asks_bad_ones_and_deletes_every_recording()
    {
        var phone = new ScriptedHandset().PressDigits(portal.CodeForCall)
            .Speak(speech.Enrollment[0]).Speak(Speech.Silence).Speak(Speech.Clipped).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2]);
        var (user, _) = await portal.CreateCallerAsync("enroll@example.com", phone);

        var (session, call) = await portal.CallAsync(user, SessionPurpose.Enroll);

        Assert.Equal(SessionState.Passed, session.State);
        Assert.Contains(call.Said, s => s.StartsWith("I did not hear enough.", StringComparison.Ordinal)); // silence: Twilio made no recording
        Assert.Contains(call.Said, s => s.StartsWith("That was too loud.", StringComparison.Ordinal));      // the engine's quality gate
        Assert.Equal("Your voiceprint is ready. Goodbye.", call.Said[^1]);
        var voiceprint = await portal.WithDbAsync(db => db.Voiceprints.SingleAsync(v => v.UserId == user));
        Assert.True(voiceprint.IsComplete);
        Assert.Equal("local", voiceprint.Engine);
        Assert.True(call.RecordingSids.Count == 4, Describe(session, call));
        await PhoneFlowWait.UntilAsync(() => call.RecordingSids.All(sid => portal.Emulator.Recordings.Find(sid)?.IsDeleted != false));
        // 45 s for a clean enrollment, 20 for the two re-asks, 5 for keying the page's code.
        Assert.True(call.TalkSeconds <= 45 + 20 + 5, $"Enrollment with two re-asks took {call.TalkSeconds:F1} s on the phone.");
    }

    [Fact]
    public async Task The_enrolled_voice_passes_verification_within_eighteen_seconds_of_answer_code_included()
    {
        var phone = await EnrolledCallerAsync("genuine@example.com");
        portal.Emulator.Handsets.Register(phone, new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(speech.Genuine[0]).Speak(speech.Genuine[1]));
        var user = await portal.WithDbAsync(db => db.Users.Where(u => u.PhoneNumber == phone).Select(u => u.Id).SingleAsync());

        var (session, call) = await portal.CallAsync(user, SessionPurpose.Verify);

        Assert.True(session.State == SessionState.Passed, Describe(session, call));
        Assert.Equal(PhonePrompts.Verified, call.Said[^1]);
        Assert.InRange(session.Score!.Value, 50, 100);
        if (call.RecordingSids.Count == 1)
        {
            // 15 s for greeting, passphrase and result, 3 more for keying the page's four-digit code.
            Assert.True(call.TalkSeconds <= 18, $"A verification call took {call.TalkSeconds:F1} s after answer. {Describe(session, call)}");
        }
    }

    [Fact]
    public async Task An_impostor_fails_after_the_allowed_retries()
    {
        var phone = await EnrolledCallerAsync("target@example.com");
        portal.Emulator.Handsets.Register(phone, new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(speech.Impostor[0]).Speak(speech.Impostor[1]));
        var user = await portal.WithDbAsync(db => db.Users.Where(u => u.PhoneNumber == phone).Select(u => u.Id).SingleAsync());

        var (session, call) = await portal.CallAsync(user, SessionPurpose.Verify);

        Assert.Equal(SessionState.Failed, session.State);
        Assert.Equal(2, call.RecordingSids.Count);
        Assert.Contains("not verified", call.Said[^1], StringComparison.Ordinal);
        Assert.Equal(2, (await portal.WithDbAsync(db => db.Voiceprints.SingleAsync(v => v.UserId == user))).ConsecutiveFailures);
    }

    [Theory]
    [InlineData(AnswerKind.NoAnswer, SessionState.NoAnswer)]
    [InlineData(AnswerKind.Busy, SessionState.Busy)]
    [InlineData(AnswerKind.Machine, SessionState.Voicemail)]
    [InlineData(AnswerKind.Failed, SessionState.Error)]
    internal async Task Calls_nobody_answers_end_with_the_right_outcome_and_no_recording(AnswerKind answer, SessionState expected)
    {
        var (user, _) = await portal.CreateCallerAsync($"{answer}@example.com".ToLowerInvariant(), new ScriptedHandset { Answer = answer });

        var (session, call) = await portal.CallAsync(user, SessionPurpose.Enroll);

        Assert.Equal(expected, session.State);
        Assert.Empty(call.RecordingSids);
        Assert.Equal(0, await portal.WithDbAsync(db => db.Voiceprints.CountAsync()));
    }

    [Fact]
    public async Task Hanging_up_during_the_second_recording_ends_the_session_and_keeps_the_first()
    {
        var phone = new ScriptedHandset { HangUpDuringRecord = 2 }.PressDigits(portal.CodeForCall).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]);
        var (user, _) = await portal.CreateCallerAsync("hangup@example.com", phone);

        var (session, _) = await portal.CallAsync(user, SessionPurpose.Enroll);

        Assert.Equal(SessionState.Failed, session.State);
        Assert.True((await portal.WithDbAsync(db => db.Voiceprints.SingleAsync())).EnrollmentCount >= 1);
        var states = (await portal.EventsAsync(session.Id)).Select(e => e.State).ToList();
        Assert.Equal(SessionState.Failed, states[^1]);
    }

    public void Dispose() => portal.Dispose();

    private static string Describe(VerificationSession session, VoiceAuth.Emulator.Calls.CallSnapshot call) =>
        $"Session {session.State} ({session.Reason}); call {call.Status}:{Environment.NewLine}{string.Join(Environment.NewLine, call.Log)}";
}

internal static class PhoneFlowWait
{
    public static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "The condition never became true.");
    }
}
