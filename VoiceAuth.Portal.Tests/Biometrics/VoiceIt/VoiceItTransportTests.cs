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
    public async Task Transient_failures_are_retried_until_voiceit_answers(StubFault fault)
    {
        await using var harness = await VoiceItHarness.StartAsync(ShortTimeout);
        harness.Stub.Fault(fault, times: 2);

        var result = await harness.Provider.VerifyAsync(harness.EnrolledVoiceprint(), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((Accepted, ReasonCode.Ok), (result.Decision, result.Reason));
        Assert.Equal(3, harness.Stub.Requests.Count);
        Assert.All(harness.Stub.Requests, request => Assert.Equal("/verification/voice", request.Path));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Persistent_failures_end_as_service_unavailable_after_the_configured_attempts(StubFault fault)
    {
        await using var harness = await VoiceItHarness.StartAsync(new(ShortTimeout) { ["Biometrics:VoiceIt:MaxAttempts"] = "3" });
        harness.Stub.Fault(fault, times: 10);

        var result = await harness.Provider.EnrollAsync(harness.EnrolledVoiceprint(0), new AudioInput(TestWav.Tone(2)), default);

        Assert.Equal((Error, ReasonCode.ServiceUnavailable), (result.Decision, result.Reason));
        Assert.Equal(0, result.Voiceprint.EnrollmentCount);
        Assert.Equal(3, harness.Stub.Requests.Count);
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

        var delays = Enumerable.Range(0, 200).Select(_ => VoiceItApi.Backoff(attempt, settings).TotalMilliseconds).ToList();

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
