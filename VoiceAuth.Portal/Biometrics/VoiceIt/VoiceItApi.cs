using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>
/// The VoiceIt API 2 calls the provider needs, over a typed <see cref="HttpClient"/> that carries the base URL and
/// Basic credentials and the resilience pipeline (<see cref="VoiceItResilience"/>: deadlines per attempt, retries only
/// where safe). Every call ends in a <see cref="VoiceItReply"/>; only the caller's cancellation escapes as an exception.
/// </summary>
internal sealed class VoiceItApi(HttpClient http, IOptions<VoiceItOptions> options, ILogger<VoiceItApi> logger)
{
    public const string HttpClientName = "VoiceIt";

    public Task<VoiceItReply> CreateUserAsync(CancellationToken cancellationToken) =>
        SendAsync("create user", new HttpRequestMessage(HttpMethod.Post, "users"), cancellationToken);

    public Task<VoiceItReply> EnrollVoiceAsync(string userId, string phrase, ReadOnlyMemory<byte> wav, CancellationToken cancellationToken) =>
        SendAsync("voice enrollment", Upload("enrollments/voice", userId, phrase, wav), cancellationToken);

    /// <summary>What VoiceIt has stored for the user (<c>count</c>): how an uncertain enrollment is settled.</summary>
    public Task<VoiceItReply> ListVoiceEnrollmentsAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("list enrollments", new HttpRequestMessage(HttpMethod.Get, $"enrollments/voice/{Uri.EscapeDataString(userId)}"), cancellationToken);

    public Task<VoiceItReply> VerifyVoiceAsync(string userId, string phrase, ReadOnlyMemory<byte> wav, CancellationToken cancellationToken) =>
        SendAsync("voice verification", Upload("verification/voice", userId, phrase, wav), cancellationToken);

    public Task<VoiceItReply> DeleteAllEnrollmentsAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("delete enrollments", new HttpRequestMessage(HttpMethod.Delete, $"enrollments/{Uri.EscapeDataString(userId)}/all"), cancellationToken);

    public Task<VoiceItReply> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("delete user", new HttpRequestMessage(HttpMethod.Delete, $"users/{Uri.EscapeDataString(userId)}"), cancellationToken);

    private async Task<VoiceItReply> SendAsync(string operation, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var _ = request;
        request.Options.Set(VoiceItResilience.Operation, operation);
        int Attempts() => request.Options.TryGetValue(VoiceItResilience.Attempts, out var n) ? n : 1;
        var idempotent = request.Method == HttpMethod.Get || request.Method == HttpMethod.Delete;
        string failure;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var body = VoiceItResponse.TryParse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            if (!IsTransient(status, body))
            {
                VoiceItLog.Answered(logger, operation, body?.ResponseCode ?? "(no JSON)", status, Attempts(), body?.ApiCallId);
                return new VoiceItReply(body is null ? VoiceItOutcome.Unreadable : VoiceItOutcome.Answered, status, body, Attempts());
            }

            // VoiceIt answered that it could not finish (5xx, 408, ACTO): whether it acted first is unknown.
            VoiceItLog.GaveUp(logger, operation, Attempts(), body is null ? $"HTTP {status}" : $"HTTP {status} {body.ResponseCode}");
            return new VoiceItReply(VoiceItOutcome.Unavailable, status, body, Attempts()) { MayHaveBeenProcessed = !idempotent };
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or IOException
            || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            failure = e is HttpRequestException h ? $"connection failed ({h.HttpRequestError})"
                : e is TimeoutRejectedException ? $"no answer within {options.Value.RequestTimeout.TotalSeconds:0.###} s" : "connection dropped";
            VoiceItLog.GaveUp(logger, operation, Attempts(), failure);
            return new VoiceItReply(VoiceItOutcome.Unavailable, 0, null, Attempts())
            {
                MayHaveBeenProcessed = !idempotent && !VoiceItResilience.NeverSent(e),
            };
        }
    }

    // ACTO is VoiceIt saying that it timed out itself, whatever status it arrives with.
    private static bool IsTransient(int status, VoiceItResponse? body) =>
        status >= 500 || status == 408 || body?.ResponseCode == VoiceItCodes.CallTimedOut;

    /// <summary>
    /// The multipart framing VoiceIt's own wrappers send: an unquoted boundary in the Content-Type, text parts with
    /// only a Content-Disposition (no per-part Content-Type), and the file part "recording" named recording.wav.
    /// </summary>
    private HttpRequestMessage Upload(string path, string userId, string phrase, ReadOnlyMemory<byte> wav)
    {
        var boundary = "----VoiceAuth" + Guid.NewGuid().ToString("N");
        var recording = new ReadOnlyMemoryContent(wav);
        recording.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        var form = new MultipartFormDataContent(boundary)
        {
            Part(Text(userId), "userId"),
            Part(Text(options.Value.ContentLanguage), "contentLanguage"),
            Part(Text(phrase), "phrase"),
            Part(recording, "recording", "recording.wav"),
        };
        // .NET quotes the boundary parameter; the wrappers' form libraries do not.
        form.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
    }

    private static ByteArrayContent Text(string value) => new(System.Text.Encoding.UTF8.GetBytes(value));

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
