using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using VoiceAuth.Portal.Telemetry;
using HttpMethod = Twilio.Http.HttpMethod;

namespace VoiceAuth.Portal.Telephony.Twilio;

/// <summary>
/// <see cref="ITelephony"/> on the official Twilio SDK. The SDK runs on the injected "twilio" HttpClient, which
/// reaches api.twilio.com — or, when no account is configured, the built-in emulator behind the same address.
/// </summary>
internal sealed partial class TwilioTelephony(
    IHttpClientFactory httpClients,
    TwilioAccount account,
    WebhookUrls urls,
    IOptions<CallWebhookPaths> paths,
    IOptions<TwilioOptions> options,
    ILogger<TwilioTelephony> logger) : ITelephony
{
    public const string HttpClientName = "twilio";

    /// <summary>Recordings above this size are refused unread (a Twilio recording of the flow's 5 s is ~80 KB).</summary>
    public const int MaxRecordingBytes = 4 * 1024 * 1024;

    private static readonly List<string> StatusEvents = ["initiated", "ringing", "answered", "completed"];

    private TwilioRestClient CreateClient() =>
        new TwilioRestClient(account.AccountSid, account.AuthToken, httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)));

    public async Task<CallPlacement> PlaceCallAsync(Guid sessionId, string toE164, CancellationToken cancellationToken)
    {
        var call = new CreateCallOptions(new PhoneNumber(toE164), new PhoneNumber(account.FromNumber))
        {
            Url = urls.For(paths.Value.Answer(sessionId)),
            Method = HttpMethod.Post,
            StatusCallback = urls.For(paths.Value.Status(sessionId)),
            StatusCallbackEvent = StatusEvents,
            StatusCallbackMethod = HttpMethod.Post,
            Timeout = options.Value.RingTimeoutSeconds,
            TimeLimit = options.Value.TimeLimitSeconds,
            MachineDetection = string.IsNullOrWhiteSpace(options.Value.MachineDetection) ? null : options.Value.MachineDetection,
        };

        using var span = VoiceAuthTelemetry.Source.StartActivity("twilio.create_call", ActivityKind.Client);
        try
        {
            var created = await CallResource.CreateAsync(call, CreateClient()).WaitAsync(cancellationToken);
            return new(created.Sid, null);
        }
        catch (ApiException e)
        {
            LogCreateFailed(e.Code, e.Status);
            span?.SetStatus(ActivityStatusCode.Error, $"Twilio error {e.Code}");
            return new(null, e.Code switch
            {
                21211 or 21214 or 21217 or 21401 or 21407 or 13224 => CallPlacementError.InvalidNumber,
                21215 or 21216 or 13227 => CallPlacementError.NotPermitted,
                20003 or 20005 or 20404 => CallPlacementError.Unauthorized,
                20429 or 14107 => CallPlacementError.RateLimited,
                _ => e.Status == 401 ? CallPlacementError.Unauthorized : CallPlacementError.Unavailable,
            });
        }
        catch (Exception e) when (e is ApiConnectionException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(e.GetType().Name);
            return new(null, CallPlacementError.Unavailable);
        }
    }

    public async Task<string?> FetchCallStatusAsync(string callSid, CancellationToken cancellationToken)
    {
        try
        {
            var call = await CallResource.FetchAsync(new FetchCallOptions(callSid), CreateClient()).WaitAsync(cancellationToken);
            return call.Status?.ToString();
        }
        catch (Exception e) when (e is ApiException or ApiConnectionException or HttpRequestException
            || e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(e.GetType().Name);
            return null;
        }
    }

    public async Task HangUpAsync(string callSid, CancellationToken cancellationToken)
    {
        try
        {
            await CallResource.UpdateAsync(new UpdateCallOptions(callSid) { Status = CallResource.UpdateStatusEnum.Completed }, CreateClient())
                .WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is ApiException or ApiConnectionException or HttpRequestException)
        {
            LogHangUpFailed(e.GetType().Name); // already over, most likely
        }
    }

    public async Task<byte[]?> DownloadRecordingAsync(string recordingSid, CancellationToken cancellationToken)
    {
        // The address is built from the id, not taken from the webhook's RecordingUrl: nothing a request says can
        // make the portal fetch another host with our credentials.
        var url = $"{TwilioAccount.ApiBase}/2010-04-01/Accounts/{account.AccountSid}/Recordings/{ValidRecordingSid(recordingSid)}.wav";
        using var span = VoiceAuthTelemetry.Source.StartActivity("twilio.recording.download", ActivityKind.Client);
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.ASCII.GetBytes($"{account.AccountSid}:{account.AuthToken}")));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // not ready yet: the caller retries with back-off
        }

        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxRecordingBytes)
        {
            throw new InvalidDataException($"The recording is larger than {MaxRecordingBytes} bytes.");
        }

        // Read with a cap whatever the header said: a phone recording of a few seconds is ~100 KB.
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxRecordingBytes)
            {
                throw new InvalidDataException($"The recording is larger than {MaxRecordingBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public async Task<bool> DeleteRecordingAsync(string recordingSid, CancellationToken cancellationToken)
    {
        try
        {
            return await RecordingResource.DeleteAsync(ValidRecordingSid(recordingSid), client: CreateClient()).WaitAsync(cancellationToken);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            return true;
        }
    }

    private static string ValidRecordingSid(string sid) =>
        RecordingSidPattern().IsMatch(sid) ? sid : throw new ArgumentException("Not a Twilio recording id.", nameof(sid));

    [GeneratedRegex("^RE[0-9a-fA-F]{32}$")]
    private static partial Regex RecordingSidPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused to place a call: error {Code} (HTTP {Status}).")]
    private partial void LogCreateFailed(int code, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio could not be reached to place a call ({Error}).")]
    private partial void LogUnreachable(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking Twilio for a call's status failed ({Error}).")]
    private partial void LogFetchFailed(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hanging up a call failed ({Error}); it has probably ended already.")]
    private partial void LogHangUpFailed(string error);
}
