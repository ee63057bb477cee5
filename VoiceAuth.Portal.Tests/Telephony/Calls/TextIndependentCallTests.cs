using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Voiceprints;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Biometrics;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony.Calls;

/// <summary>
/// Whole calls with the built-in engine in text-independent mode: the voiceprint made on the phone carries its owner's
/// held-out genuine level (round 12) through the pipeline and the encrypted store, and its owner still passes.
/// </summary>
[Collection(SpeechCorpusGroup.Name)]
public sealed class TextIndependentCallTests(SpeechCorpusFixture corpus) : IDisposable
{
    private readonly EmulatedPortal portal = Started();
    private readonly Speech speech = new(corpus);

    private static EmulatedPortal Started()
    {
        var portal = new EmulatedPortal();
        portal.Settings["Biometrics:Local:Mode"] = "TextIndependent";
        return portal.Started();
    }

    [Fact]
    public async Task A_voiceprint_enrolled_by_phone_keeps_its_genuine_level_and_its_owner_passes()
    {
        var enroller = new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2]);
        var (user, phone) = await portal.CreateCallerAsync("independent@example.com", enroller);
        var (enrolled, _) = await portal.CallAsync(user, SessionPurpose.Enroll);
        Assert.Equal(SessionState.Passed, enrolled.State);

        var stored = await portal.WithDbAsync(db => db.Voiceprints.SingleAsync(v => v.UserId == user));
        var voiceprint = VoiceprintFormat.Read(portal.Services.GetRequiredService<VoiceprintStore>().Unprotect(stored).Data);
        Assert.NotNull(voiceprint);
        Assert.Equal(VerificationMode.TextIndependent, voiceprint.Mode);
        Assert.NotNull(voiceprint.GenuineLevel);
        Assert.NotNull(voiceprint.EnrollmentSide);

        portal.Emulator.Handsets.Register(phone, new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(speech.Genuine[0]).Speak(speech.Genuine[1]));
        var (verified, call) = await portal.CallAsync(user, SessionPurpose.Verify);
        Assert.True(verified.State == SessionState.Passed, $"{verified.State} ({verified.Reason}), score {verified.Score}: {string.Join(" | ", call.Said)}");
        Assert.InRange(verified.Score!.Value, 50, 100);
    }

    public void Dispose() => portal.Dispose();
}
