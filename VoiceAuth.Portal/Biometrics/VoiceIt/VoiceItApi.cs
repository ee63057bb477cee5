using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>
/// The VoiceIt API 2 calls the provider needs, over a typed <see cref="HttpClient"/> that carries the base URL and
/// Basic credentials. Every call ends in a <see cref="VoiceItReply"/>: timeouts, dropped connections and 5xx are
/// retried with jittered exponential back-off, and only the caller's cancellation escapes as an exception.
/// </summary>
internal sealed class VoiceItApi(HttpClient http, IOptions<VoiceItOptions> options, ILogger<VoiceItApi> logger)
{
    public const string HttpClientName = "VoiceIt";

    public Task<VoiceItReply> CreateUserAsync(CancellationToken cancellationToken) =>
        SendAsync("create user", () => new HttpRequestMessage(HttpMethod.Post, "users"), cancellationToken);

    public Task<VoiceItReply> EnrollVoiceAsync(string userId, string phrase, ReadOnlyMemory<byte> wav, CancellationToken cancellationToken) =>
        SendAsync("voice enrollment", () => Upload("enrollments/voice", userId, phrase, wav), cancellationToken);

    public Task<VoiceItReply> VerifyVoiceAsync(string userId, string phrase, ReadOnlyMemory<byte> wav, CancellationToken cancellationToken) =>
        SendAsync("voice verification", () => Upload("verification/voice", userId, phrase, wav), cancellationToken);

    public Task<VoiceItReply> DeleteAllEnrollmentsAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("delete enrollments", () => new HttpRequestMessage(HttpMethod.Delete, $"enrollments/{Uri.EscapeDataString(userId)}/all"), cancellationToken);

    public Task<VoiceItReply> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("delete user", () => new HttpRequestMessage(HttpMethod.Delete, $"users/{Uri.EscapeDataString(userId)}"), cancellationToken);

    private async Task<VoiceItReply> SendAsync(string operation, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var lastStatus = 0;
        VoiceItResponse? lastBody = null;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptTimeout.CancelAfter(settings.RequestTimeout);
                try
                {
                    // A fresh message per attempt: a sent request (and its multipart body) cannot be sent again.
                    using var request = createRequest();
                    using var response = await http.SendAsync(request, attemptTimeout.Token);
                    lastStatus = (int)response.StatusCode;
                    lastBody = VoiceItResponse.TryParse(await response.Content.ReadAsByteArrayAsync(attemptTimeout.Token));
                    if (!IsTransient(lastStatus, lastBody))
                    {
                        VoiceItLog.Answered(logger, operation, lastBody?.ResponseCode ?? "(no JSON)", lastStatus, attempt, lastBody?.ApiCallId);
                        return new VoiceItReply(lastBody is null ? VoiceItOutcome.Unreadable : VoiceItOutcome.Answered, lastStatus, lastBody, attempt);
                    }

                    failure = lastBody is null ? $"HTTP {lastStatus}" : $"HTTP {lastStatus} {lastBody.ResponseCode}";
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"no answer within {settings.RequestTimeout.TotalSeconds:0.###} s";
                }
                catch (HttpRequestException e)
                {
                    failure = $"connection failed ({e.HttpRequestError})";
                }
                catch (IOException)
                {
                    failure = "connection dropped";
                }
            }

            if (attempt >= settings.MaxAttempts)
            {
                VoiceItLog.GaveUp(logger, operation, attempt, failure);
                return new VoiceItReply(VoiceItOutcome.Unavailable, lastStatus, lastBody, attempt);
            }

            var delay = Backoff(attempt, settings);
            VoiceItLog.Retrying(logger, operation, attempt, failure, delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    // ACTO is VoiceIt saying that it timed out itself, whatever status it arrives with.
    private static bool IsTransient(int status, VoiceItResponse? body) =>
        status >= 500 || status == 408 || body?.ResponseCode == VoiceItCodes.CallTimedOut;

    /// <summary>Base × 2^(attempt−1), capped, then "equal jitter" (half fixed, half random) so that callers spread out.</summary>
    internal static TimeSpan Backoff(int attempt, VoiceItOptions settings)
    {
        var exponential = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, settings.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }

    /// <summary>The multipart shape the official SDKs send: userId, contentLanguage, phrase and the file part "recording".</summary>
    private HttpRequestMessage Upload(string path, string userId, string phrase, ReadOnlyMemory<byte> wav)
    {
        var recording = new ReadOnlyMemoryContent(wav);
        recording.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        var form = new MultipartFormDataContent
        {
            Part(new StringContent(userId), "userId"),
            Part(new StringContent(options.Value.ContentLanguage), "contentLanguage"),
            Part(new StringContent(phrase), "phrase"),
            Part(recording, "recording", "recording.wav"),
        };
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
    }

    // Quoted name and filename, and no filename* parameter: what browsers and the SDKs' form libraries send.
    private static HttpContent Part(HttpContent content, string name, string? fileName = null)
    {
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
        {
            Name = $"\"{name}\"",
            FileName = fileName is null ? null : $"\"{fileName}\"",
        };
        return content;
    }
}
