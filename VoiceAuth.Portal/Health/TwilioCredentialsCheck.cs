using Microsoft.Extensions.Diagnostics.HealthChecks;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Health;

/// <summary>
/// With a real account: Twilio accepts the configured credentials (a fetch of the account itself). The answer is
/// cached — probes come every few seconds from every load balancer, and Twilio rate-limits its API — for
/// <see cref="AcceptedFor"/> once accepted, <see cref="RetryAfter"/> otherwise. Rejected credentials make the
/// portal unready (no call can be placed); Twilio unreachable only degrades it, so that a carrier outage does not
/// take every instance out of the load balancer (recovery codes still sign people in).
/// </summary>
internal sealed partial class TwilioCredentialsCheck(
    TwilioAccount account,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<TwilioCredentialsCheck> logger) : IHealthCheck, IDisposable
{
    public static readonly TimeSpan AcceptedFor = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset Until)? cached;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (account.IsEmulated)
        {
            return HealthCheckResult.Healthy("emulator");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } hit && hit.Until > time.GetUtcNow())
            {
                return hit.Result;
            }

            var result = await AskTwilioAsync(cancellationToken);
            cached = (result, time.GetUtcNow() + (result.Status == HealthStatus.Healthy ? AcceptedFor : RetryAfter));
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<HealthCheckResult> AskTwilioAsync(CancellationToken cancellationToken)
    {
        var client = new TwilioRestClient(account.AccountSid, account.AuthToken,
            httpClient: new SystemNetHttpClient(httpClients.CreateClient(TwilioTelephony.HttpClientName)));
        try
        {
            await AccountResource.FetchAsync(pathSid: account.AccountSid, client: client).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (ApiException e) when (e.Status is 401 or 403 or 404)
        {
            LogRejected(e.Code, e.Status);
            return HealthCheckResult.Unhealthy("Twilio rejected the configured credentials");
        }
        catch (Exception e) when (e is ApiException or ApiConnectionException or HttpRequestException or TaskCanceledException
                                   && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(e.GetType().Name);
            return HealthCheckResult.Degraded("Twilio could not be reached");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio rejected the configured credentials (error {Code}, HTTP {Status}): check Twilio:AccountSid and Twilio:AuthToken.")]
    private partial void LogRejected(int code, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio could not be reached to check the credentials ({Error}).")]
    private partial void LogUnreachable(string error);
}
