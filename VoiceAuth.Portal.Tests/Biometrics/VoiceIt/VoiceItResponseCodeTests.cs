using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.VoiceIt;
using static VoiceAuth.Portal.Biometrics.BiometricDecision;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

public sealed class VoiceItResponseCodeTests
{
    /// <summary>The codes ../shared/docs/voiceit-api2.md lists for voice calls.</summary>
    private static readonly string[] DocumentedCodes =
    [
        "SUCC", "FAIL", "MISP", "UNFD", "ENFD", "GNFD", "DDNE", "INCP", "IFAD", "EMPF", "INPP", "SRNR", "SSTQ", "SSTL",
        "NEHSD", "STTF", "PDNM", "RWPU", "NSPE", "SGTL", "NVDT", "PNTE", "GERR", "DAID", "UNAC", "ACLR", "ACTO",
    ];

    /// <summary>Each code as the stub sends it (its usual status); uploads are never resent, so 5xx and ACTO end at the first answer.</summary>
    public static TheoryData<string, BiometricDecision, ReasonCode, int> Codes => new()
    {
        { "SUCC", Accepted, ReasonCode.Ok, 1 },
        { "FAIL", Rejected, ReasonCode.Mismatch, 1 },
        { "SRNR", Retry, ReasonCode.TooLong, 1 },
        { "SSTQ", Retry, ReasonCode.TooQuiet, 1 },
        { "SSTL", Retry, ReasonCode.TooLoud, 1 },
        { "NEHSD", Retry, ReasonCode.NoSpeech, 1 },
        { "NVDT", Retry, ReasonCode.NoSpeech, 1 },
        { "STTF", Retry, ReasonCode.WrongPhrase, 1 },
        { "PDNM", Retry, ReasonCode.WrongPhrase, 1 },
        { "NSPE", Retry, ReasonCode.InconsistentEnrollment, 1 },
        { "SGTL", Retry, ReasonCode.TooNoisy, 1 },
        { "IFAD", Retry, ReasonCode.Malformed, 1 },
        { "EMPF", Retry, ReasonCode.Empty, 1 },
        { "RWPU", Rejected, ReasonCode.Replay, 1 },
        { "PNTE", Error, ReasonCode.NotEnrolled, 1 },
        { "UNFD", Error, ReasonCode.ProfileNotFound, 1 },
        { "ENFD", Error, ReasonCode.NotEnrolled, 1 },
        { "DDNE", Error, ReasonCode.ProfileNotFound, 1 },
        { "MISP", Error, ReasonCode.InternalError, 1 },
        { "INCP", Error, ReasonCode.InternalError, 1 },
        { "INPP", Error, ReasonCode.InternalError, 1 },
        { "GNFD", Error, ReasonCode.InternalError, 1 },
        { "UNAC", Error, ReasonCode.Unauthorized, 1 },
        { "DAID", Error, ReasonCode.Unauthorized, 1 },
        { "ACLR", Error, ReasonCode.LimitReached, 1 },
        { "GERR", Error, ReasonCode.ServiceUnavailable, 1 },
        { "ACTO", Error, ReasonCode.ServiceUnavailable, 1 },
        { "WHAT", Error, ReasonCode.InternalError, 1 },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Verification_maps_each_response_code(string code, BiometricDecision decision, ReasonCode reason, int attempts)
    {
        await using var harness = await VoiceItHarness.StartAsync();
        harness.Stub.Enqueue(StubRoutes.Verify, Enumerable.Repeat(StubAnswer.Code(code), attempts).ToArray());

        var result = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((decision, reason), (result.Decision, result.Reason));
        Assert.Equal(attempts, harness.Stub.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Enrollment_maps_each_response_code_and_counts_only_success(string code, BiometricDecision decision, ReasonCode reason, int attempts)
    {
        await using var harness = await VoiceItHarness.StartAsync();
        var voiceprint = harness.EnrolledVoiceprint(enrollments: 1);
        harness.Stub.Enqueue(StubRoutes.Enroll, Enumerable.Repeat(StubAnswer.Code(code), attempts).ToArray());

        var result = await harness.Provider.EnrollAsync(voiceprint, new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((decision, reason), (result.Decision, result.Reason));
        Assert.Equal(code == "SUCC" ? 2 : 1, result.Voiceprint.EnrollmentCount);
        Assert.False(result.Voiceprint.IsComplete);
    }

    [Fact]
    public async Task A_general_error_with_a_client_status_is_an_internal_error_without_retrying()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        harness.Stub.Enqueue(StubRoutes.Verify, StubAnswer.Code("GERR", 400));

        var result = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((Error, ReasonCode.InternalError), (result.Decision, result.Reason));
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task Fail_with_http_200_is_a_rejection_carrying_its_confidence()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        harness.Stub.Enqueue(StubRoutes.Verify, StubAnswer.Fail(41.6));

        var result = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal(Rejected, result.Decision);
        Assert.Equal(ReasonCode.Mismatch, result.Reason);
        Assert.Equal(42, result.Score);
    }

    [Theory]
    [InlineData(200, "{\"message\":\"ok\",\"status\":200}", "application/json")]          // no responseCode
    [InlineData(200, "Successfully verified", "text/plain")]                              // not JSON
    [InlineData(200, "{\"responseCode\":\"SUCC\",\"confidence\":", "application/json")] // truncated
    [InlineData(404, "<html>Not Found</html>", "text/html")]
    public async Task An_answer_without_voiceit_json_is_never_accepted(int status, string body, string contentType)
    {
        await using var harness = await VoiceItHarness.StartAsync();
        harness.Stub.Enqueue(StubRoutes.Verify, StubAnswer.Raw(status, body, contentType));

        var result = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((Error, ReasonCode.InternalError, 0), (result.Decision, result.Reason, result.Score));
    }

    [Fact]
    public async Task A_gateway_refusing_credentials_without_json_is_unauthorized()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        harness.Stub.Enqueue(StubRoutes.Verify, StubAnswer.Raw(401, "<html>401</html>", "text/html"));

        var result = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((Error, ReasonCode.Unauthorized), (result.Decision, result.Reason));
    }

    [Fact]
    public void Every_documented_code_has_a_mapping_and_a_test_row()
    {
        var tested = Codes.Select(row => (string)row[0]).ToHashSet();

        Assert.All(DocumentedCodes, code => Assert.True(VoiceItCodes.Table.ContainsKey(code), $"{code} has no mapping"));
        Assert.All(DocumentedCodes, code => Assert.Contains(code, tested));
        Assert.All(VoiceItCodes.Table.Keys, code => Assert.Contains(code, DocumentedCodes));
    }

    [Fact]
    public void The_operator_documentation_lists_the_same_mapping_as_the_code()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "voiceit.md"));

        foreach (var (code, meaning) in VoiceItCodes.Table)
        {
            Assert.Contains($"| {code} | {meaning.Decision} | {meaning.Reason} |", doc, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VoiceAuth.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("VoiceAuth.sln not found above the test output.");
    }
}
