using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceAuth.Portal.Health;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Tests.Health;

public sealed class TwilioCredentialsCheckTests
{
    private const string Sid = "AC0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Rejected_credentials_are_unhealthy_and_Twilio_is_asked_again_only_after_a_minute()
    {
        var twilio = new CountingHandler(HttpStatusCode.Unauthorized, """{"code":20003,"message":"Authenticate","status":401}""");
        var clock = new ManualClock();
        var check = NewCheck(twilio, clock);

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new())).Status);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new())).Status);
        Assert.Equal(1, twilio.Requests);
        Assert.EndsWith($"/Accounts/{Sid}.json", twilio.LastPath);

        clock.Now += TwilioCredentialsCheck.RetryAfter + TimeSpan.FromSeconds(1);
        await check.CheckHealthAsync(new());
        Assert.Equal(2, twilio.Requests);
    }

    [Fact]
    public async Task Accepted_credentials_are_healthy_and_an_unreachable_Twilio_only_degrades()
    {
        var clock = new ManualClock();
        var accepted = NewCheck(new CountingHandler(HttpStatusCode.OK, $$"""{"sid":"{{Sid}}","status":"active"}"""), clock);
        var unreachable = NewCheck(new CountingHandler(HttpStatusCode.ServiceUnavailable, "{}"), clock);

        Assert.Equal(HealthStatus.Healthy, (await accepted.CheckHealthAsync(new())).Status);
        Assert.Equal(HealthStatus.Degraded, (await unreachable.CheckHealthAsync(new())).Status);
    }

    private static TwilioCredentialsCheck NewCheck(CountingHandler handler, TimeProvider clock) =>
        new(new TwilioAccount(Sid, "token", "+15005550006", IsEmulated: false), new Factory(handler), clock,
            NullLogger<TwilioCredentialsCheck>.Instance);

    private sealed class CountingHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        public string LastPath { get; private set; } = "";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            LastPath = request.RequestUri!.AbsolutePath;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
