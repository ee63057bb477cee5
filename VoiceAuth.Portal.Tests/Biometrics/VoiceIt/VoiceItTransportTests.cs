using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.VoiceIt;
using static VoiceAuth.Portal.Biometrics.BiometricDecision;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

public sealed class VoiceItTransportTests
{
    private static readonly Dictionary<string, string?> ShortTimeout = new() { ["Biometrics:VoiceIt:RequestTimeout"] = "00:00:00.500" };

    // Uploads must reach the stub before the deadline even on a busy machine: only the injected fault may time out.
    private static readonly Dictionary<string, string?> UploadTimeout = new() { ["Biometrics:VoiceIt:RequestTimeout"] = "00:00:03" };

    public static TheoryData<StubFault> Faults => new()
    {
        new StubFault.ServerError(500),
        new StubFault.ServerError(503),
        new StubFault.ServerError(502, Html: true),
        new StubFault.Drop(),
        new StubFault.Delay(TimeSpan.FromSeconds(30)),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Reads_and_deletes_are_retried_after_transient_failures(StubFault fault)
    {
        await using var harness = await VoiceItHarness.StartAsync(ShortTimeout);
        var voiceprint = harness.EnrolledVoiceprint();
        harness.Stub.Fault(fault, times: 2);

        var result = await harness.Provider.DeleteAsync(voiceprint, default);

        Assert.Equal((Accepted, ReasonCode.Ok), (result.Decision, result.Reason));
        Assert.Equal(3, harness.Stub.Requests.Count(r => r.Method == "DELETE" && r.Path.EndsWith("/all", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_verification_that_got_no_answer_is_a_service_error_never_resent(StubFault fault)
    {
        await using var harness = await VoiceItHarness.StartAsync(UploadTimeout);
        harness.Stub.Fault(fault, times: 1);
        harness.Stub.Enqueue(StubRoutes.Verify, StubAnswer.Code("RWPU")); // what a resent upload would hear

        var result = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((Error, ReasonCode.ServiceUnavailable), (result.Decision, result.Reason));
        Assert.Single(harness.Stub.Requests, r => r.Path == "/verification/voice");
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task An_enrollment_that_got_no_answer_is_never_resent_and_counts_only_what_voiceit_stored(StubFault fault)
    {
        await using var harness = await VoiceItHarness.StartAsync(UploadTimeout);
        harness.Stub.Fault(fault, times: 1);

        var result = await harness.Provider.EnrollAsync(harness.EnrolledVoiceprint(0), new AudioInput(TestWav.Tone(2)), default);

        // The fault came before VoiceIt acted: nothing stored, nothing counted, and the list was asked to be sure.
        Assert.Equal((Error, ReasonCode.ServiceUnavailable), (result.Decision, result.Reason));
        Assert.Equal(0, result.Voiceprint.EnrollmentCount);
        Assert.Single(harness.Stub.Requests, r => r.Path == "/enrollments/voice");
        Assert.Contains(harness.Stub.Requests, r => r.Method == "GET" && r.Path.StartsWith("/enrollments/voice/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_enrollment_stored_whose_answer_was_lost_is_counted_once_from_voiceits_list()
    {
        await using var harness = await VoiceItHarness.StartAsync(UploadTimeout);
        harness.Stub.Fault(new StubFault.AnswerLost(), times: 1);

        var result = await harness.Provider.EnrollAsync(harness.EnrolledVoiceprint(1), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((Accepted, ReasonCode.Ok), (result.Decision, result.Reason));
        Assert.Equal(2, result.Voiceprint.EnrollmentCount);
        Assert.Single(harness.Stub.Requests, r => r.Path == "/enrollments/voice"); // stored once at VoiceIt, counted once here
    }

    [Fact]
    public async Task A_connection_refused_before_sending_is_retried_even_for_uploads()
    {
        var outcome = Polly.Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        var dropped = Polly.Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"));

        Assert.True(VoiceItResilience.ShouldRetry(outcome, HttpMethod.Post));
        Assert.False(VoiceItResilience.ShouldRetry(dropped, HttpMethod.Post));
        Assert.True(VoiceItResilience.ShouldRetry(dropped, HttpMethod.Get));
        Assert.False(VoiceItResilience.ShouldRetry(Polly.Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)), HttpMethod.Post));
        Assert.True(VoiceItResilience.ShouldRetry(Polly.Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)), HttpMethod.Delete));
    }

    [Fact]
    public async Task Client_errors_with_a_response_code_are_mapped_not_retried()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        harness.Stub.Enqueue(StubRoutes.Verify, StubAnswer.Code("SSTQ"));

        var result = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((Retry, ReasonCode.TooQuiet), (result.Decision, result.Reason));
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task Wrong_credentials_are_unauthorized_after_one_attempt()
    {
        await using var harness = await VoiceItHarness.StartAsync(new() { ["Biometrics:VoiceIt:ApiToken"] = "tok_" + new string('x', 32) });

        var result = await harness.Provider.CreateProfileAsync(default);

        Assert.Equal((Error, ReasonCode.Unauthorized), (result.Decision, result.Reason));
        Assert.Null(result.Voiceprint);
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task Nothing_listening_is_service_unavailable_not_an_exception()
    {
        await using var harness = await VoiceItHarness.StartAsync(new() { ["Biometrics:VoiceIt:BaseUrl"] = $"http://127.0.0.1:{FreePort()}/" });

        var result = await harness.Provider.CreateProfileAsync(default);

        Assert.Equal((Error, ReasonCode.ServiceUnavailable), (result.Decision, result.Reason));
    }

    [Fact]
    public async Task Cancellation_escapes_and_stops_retrying()
    {
        await using var harness = await VoiceItHarness.StartAsync();
        harness.Stub.Fault(new StubFault.Delay(TimeSpan.FromSeconds(30)), times: 5);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(TestWav.Tone(2)), cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}"); // well under the 5 s attempt timeout
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task One_attempt_means_no_retry()
    {
        await using var harness = await VoiceItHarness.StartAsync(new() { ["Biometrics:VoiceIt:MaxAttempts"] = "1" });
        harness.Stub.Fault(new StubFault.ServerError(500));

        var result = await harness.Provider.CreateProfileAsync(default);

        Assert.Equal(ReasonCode.ServiceUnavailable, result.Reason);
        Assert.Single(harness.Stub.Requests);
    }

    [Theory]
    [InlineData(1, 50, 100)]
    [InlineData(2, 100, 200)]
    [InlineData(3, 200, 400)]
    [InlineData(6, 500, 1000)] // capped at RetryMaxDelay
    public void Back_off_doubles_with_jitter_and_is_capped(int attempt, double lowMs, double highMs)
    {
        var settings = new VoiceItOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(1) };

        var delays = Enumerable.Range(0, 200).Select(_ => VoiceItResilience.Backoff(attempt, settings).TotalMilliseconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, lowMs, highMs));
        Assert.True(delays.Distinct().Count() > 1, "no jitter");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
