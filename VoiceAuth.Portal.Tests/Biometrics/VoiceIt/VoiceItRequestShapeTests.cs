using System.Text;
using VoiceAuth.Portal.Biometrics;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

public sealed class VoiceItRequestShapeTests
{
    private static readonly string ExpectedAuthorization =
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{VoiceItStub.ApiKey}:{VoiceItStub.ApiToken}"));

    [Theory]
    [InlineData(true, "/enrollments/voice")]
    [InlineData(false, "/verification/voice")]
    public async Task Uploads_are_multipart_with_the_sdk_field_names_and_a_wav_file_part(bool enroll, string path)
    {
        await using var harness = await VoiceItHarness.StartAsync(new() { ["Biometrics:VoiceIt:ContentLanguage"] = "en-GB" });
        var voiceprint = harness.EnrolledVoiceprint();
        var wav = TestWav.Tone(2.5, 330);

        _ = enroll
            ? (object)await harness.Provider.EnrollAsync(voiceprint, new AudioInput(wav), default)
            : await harness.Provider.VerifyAsync(voiceprint, new AudioInput(wav), default);

        var request = Assert.Single(harness.Stub.Requests);
        Assert.Equal(("POST", path), (request.Method, request.Path));
        Assert.Matches("^multipart/form-data; boundary=[^\"; ]+$", request.ContentType); // unquoted, as the wrappers send it
        var boundary = request.ContentType!["multipart/form-data; boundary=".Length..];
        var parts = request.Body.Split("--" + boundary).Where(p => p.StartsWith("\r\n", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, parts.Count);
        foreach (var part in parts.Where(p => !p.Contains("filename=", StringComparison.Ordinal)))
        {
            // A text part: a Content-Disposition and nothing else before the value.
            var headers = part[2..part.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
            Assert.Single(headers);
            Assert.StartsWith("Content-Disposition: form-data; name=", headers[0], StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(["contentLanguage", "phrase", "userId"], request.Fields.Keys.Order());
        Assert.Matches("^usr_[a-z0-9]{32}$", request.Fields["userId"]);
        Assert.Equal("en-GB", request.Fields["contentLanguage"]);
        Assert.Equal("Never forget tomorrow is a new day", request.Fields["phrase"]);

        var file = Assert.IsType<RecordedFile>(request.File);
        Assert.Equal(("recording", "recording.wav", "audio/wav"), (file.Name, file.FileName, file.ContentType));
        Assert.Equal(wav, file.Content);
        Assert.DoesNotContain("filename*", file.ContentDisposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_phrase_the_person_was_asked_to_say_is_sent_when_the_flow_knows_it()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        harness.Stub.ApprovedPhrases.Add("My voice is my passport verify me");

        var result = await harness.Provider.EnrollAsync(harness.EnrolledVoiceprint(0),
            new AudioInput(TestWav.Tone(2), "My voice is my passport verify me"), default);

        Assert.Equal(BiometricDecision.Accepted, result.Decision);
        Assert.Equal("My voice is my passport verify me", harness.Stub.Requests[0].Fields["phrase"]);
    }

    [Fact]
    public async Task Every_call_carries_basic_credentials_and_the_documented_method_and_path()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        var provider = harness.Provider;

        var voiceprint = (await provider.CreateProfileAsync(default)).Voiceprint!;
        for (var i = 0; i < 3; i++)
        {
            voiceprint = (await provider.EnrollAsync(voiceprint, new AudioInput(TestWav.Tone(2, 100 + i)), default)).Voiceprint;
        }

        await provider.VerifyAsync(voiceprint, new AudioInput(TestWav.Tone(2)), default);
        await provider.DeleteAsync(voiceprint, default);

        var requests = harness.Stub.Requests;
        var userId = requests[1].Fields["userId"];
        Assert.Equal(
            [
                "POST /users", "POST /enrollments/voice", "POST /enrollments/voice", "POST /enrollments/voice",
                "POST /verification/voice", $"DELETE /enrollments/{userId}/all", $"DELETE /users/{userId}",
            ],
            requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(requests, r => Assert.Equal(ExpectedAuthorization, r.Authorization));
        Assert.All(requests, r => Assert.Equal("application/json", r.Headers["Accept"]));
    }
}
