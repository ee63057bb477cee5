using System.Text;
using System.Text.Json;
using VoiceAuth.Portal.Biometrics;
using static VoiceAuth.Portal.Biometrics.BiometricDecision;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

public sealed class VoiceItLifecycleTests
{
    [Fact]
    public async Task Create_enroll_three_times_verify_and_delete_against_the_stub()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        var provider = harness.Provider;
        Assert.Equal(("voiceit", 3), (provider.Engine, provider.RequiredEnrollments));

        var profile = await provider.CreateProfileAsync(default);
        Assert.True(profile.Succeeded);
        var voiceprint = profile.Voiceprint!;
        var userId = JsonDocument.Parse(voiceprint.Data).RootElement.GetProperty("userId").GetString()!;
        Assert.Matches("^usr_[a-z0-9]{32}$", userId);
        Assert.True(harness.Stub.UserExists(userId));
        Assert.Equal((0, false), (voiceprint.EnrollmentCount, voiceprint.IsComplete));

        for (var n = 1; n <= 3; n++)
        {
            var enrollment = await provider.EnrollAsync(voiceprint, new AudioInput(TestWav.Tone(3, 200 + n)), default);
            Assert.Equal((Accepted, ReasonCode.Ok), (enrollment.Decision, enrollment.Reason));
            voiceprint = enrollment.Voiceprint;
            Assert.Equal((n, n == 3), (voiceprint.EnrollmentCount, voiceprint.IsComplete));
            Assert.Equal(n, harness.Stub.EnrollmentCount(userId));
        }

        harness.Stub.DefaultConfidence = 93.4;
        var verification = await provider.VerifyAsync(voiceprint, new AudioInput(TestWav.Tone(3, 300)), default);
        Assert.Equal((Accepted, 93, ReasonCode.Ok), (verification.Decision, verification.Score, verification.Reason));

        var deletion = await provider.DeleteAsync(voiceprint, default);
        Assert.True(deletion.Succeeded);
        Assert.False(harness.Stub.UserExists(userId));
        Assert.Equal(["DELETE /enrollments/" + userId + "/all", "DELETE /users/" + userId],
            harness.Stub.Requests.Where(r => r.Method == "DELETE").Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task The_voiceprint_data_is_small_versioned_json()
    {
        await using var harness = await VoiceItHarness.StartAsync();

        var profile = await harness.Provider.CreateProfileAsync(default);
        var enrolled = await harness.Provider.EnrollAsync(profile.Voiceprint!, new AudioInput(TestWav.Tone(2)), default);

        var json = JsonDocument.Parse(enrolled.Voiceprint.Data).RootElement;
        Assert.Equal("voiceit", enrolled.Voiceprint.Engine);
        Assert.Equal(1, json.GetProperty("v").GetInt32());
        Assert.Equal(1, json.GetProperty("enrollments").GetInt32());
        Assert.True(enrolled.Voiceprint.Data.Length < 100);
    }

    [Fact]
    public async Task Verification_before_three_enrollments_is_not_enrolled_without_uploading()
    {
        await using var harness = await VoiceItHarness.StartAsync();

        var result = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(enrollments: 2), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((Error, ReasonCode.NotEnrolled), (result.Decision, result.Reason));
        Assert.Empty(harness.Stub.Requests);
    }

    [Fact]
    public async Task An_impostor_recording_is_rejected_and_the_speaker_accepted()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        var voiceprint = harness.EnrolledVoiceprint();
        var impostor = TestWav.Tone(3, 500);
        harness.Stub.ScriptRecording(impostor, StubAnswer.Fail(12));

        var rejected = await harness.Provider.VerifyAsync(voiceprint, new AudioInput(impostor), default);
        var accepted = await harness.Provider.VerifyAsync(voiceprint, new AudioInput(TestWav.Tone(3, 210)), default);

        Assert.Equal((Rejected, 12), (rejected.Decision, rejected.Score));
        Assert.Equal(Accepted, accepted.Decision);
    }

    [Theory]
    [InlineData(0, ReasonCode.Empty)]
    [InlineData(5.2, ReasonCode.TooLong)]
    [InlineData(-1, ReasonCode.TooLarge)]
    public async Task Recordings_voiceit_would_refuse_are_not_uploaded(double seconds, ReasonCode reason)
    {
        await using var harness = await VoiceItHarness.StartAsync();
        var wav = seconds switch
        {
            0 => [],
            < 0 => new byte[2 * 1024 * 1024 + 1],
            _ => TestWav.Tone(seconds),
        };

        var enrollment = await harness.Provider.EnrollAsync(harness.EnrolledVoiceprint(0), new AudioInput(wav), default);
        var verification = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(wav), default);

        Assert.Equal((Retry, reason), (enrollment.Decision, enrollment.Reason));
        Assert.Equal((Retry, reason), (verification.Decision, verification.Reason));
        Assert.Empty(harness.Stub.Requests);
    }

    [Fact]
    public async Task A_five_second_recording_and_a_file_that_is_not_wav_are_left_to_voiceit()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        var voiceprint = harness.EnrolledVoiceprint();

        var fiveSeconds = await harness.Provider.VerifyAsync(voiceprint, new AudioInput(TestWav.Tone(5.0)), default);
        var notWav = await harness.Provider.VerifyAsync(voiceprint, new AudioInput(Encoding.ASCII.GetBytes("ID3 an mp3, say")), default);

        Assert.Equal(Accepted, fiveSeconds.Decision);
        Assert.Equal((Retry, ReasonCode.Malformed), (notWav.Decision, notWav.Reason)); // the stub's IFAD
        Assert.Equal(2, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task Deleting_a_user_voiceit_no_longer_knows_counts_as_deleted()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        var voiceprint = harness.EnrolledVoiceprint();
        Assert.True((await harness.Provider.DeleteAsync(voiceprint, default)).Succeeded);

        var again = await harness.Provider.DeleteAsync(voiceprint, default);

        Assert.True(again.Succeeded);
        // The second deletion stops after DELETE /enrollments/{userId}/all answers UNFD.
        Assert.Equal(3, harness.Stub.Requests.Count);
        Assert.EndsWith("/all", harness.Stub.Requests[^1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletion_that_voiceit_cannot_perform_is_an_error()
    {
        await using var harness = await VoiceItHarness.StartAsync(new() { ["Biometrics:VoiceIt:MaxAttempts"] = "1" });
        harness.Stub.Fault(new StubFault.ServerError(503));

        var result = await harness.Provider.DeleteAsync(harness.EnrolledVoiceprint(), default);

        Assert.Equal((Error, ReasonCode.ServiceUnavailable), (result.Decision, result.Reason));
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task A_voiceprint_of_another_engine_or_damaged_data_is_an_error_without_a_call()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        var local = new VoiceprintState("local", [1, 2, 3], 3, true);
        var damaged = new VoiceprintState("voiceit", Encoding.UTF8.GetBytes("{\"v\":9}"), 3, true);

        var mismatch = await harness.Provider.VerifyAsync(local, new AudioInput(TestWav.Tone(2)), default);
        var broken = await harness.Provider.EnrollAsync(damaged, new AudioInput(TestWav.Tone(2)), default);
        var deletion = await harness.Provider.DeleteAsync(local, default);

        Assert.Equal((Error, ReasonCode.EngineMismatch), (mismatch.Decision, mismatch.Reason));
        Assert.Equal((Error, ReasonCode.InternalError), (broken.Decision, broken.Reason));
        Assert.Same(damaged, broken.Voiceprint);
        Assert.Equal((Error, ReasonCode.EngineMismatch), (deletion.Decision, deletion.Reason));
        Assert.Empty(harness.Stub.Requests);
    }

    [Fact]
    public async Task A_success_without_a_user_id_creates_no_voiceprint()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        harness.Stub.Enqueue(StubRoutes.CreateUser, StubAnswer.Raw(201, "{\"responseCode\":\"SUCC\",\"status\":201}", "application/json"));

        var result = await harness.Provider.CreateProfileAsync(default);

        Assert.False(result.Succeeded);
        Assert.Equal((Error, ReasonCode.InternalError), (result.Decision, result.Reason));
    }
}
