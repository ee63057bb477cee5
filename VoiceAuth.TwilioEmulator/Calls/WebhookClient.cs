using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace VoiceAuth.Emulator.Calls;

/// <summary>The result of one request to the portal: its status and body, or why there was none.</summary>
internal sealed record WebhookResult(int Status, string Body, string? Failure, TimeSpan Elapsed)
{
    public bool Succeeded => Failure is null && Status is >= 200 and < 300;
}

/// <summary>
/// Sends Twilio's requests to the portal, signed with the account's auth token. The handler can be replaced at any
/// time (tests point it at a TestServer, and at a new one when the portal "restarts"); calls in flight keep theirs.
/// </summary>
internal sealed class WebhookClient(string authToken, TimeSpan timeout) : IDisposable
{
    private const int MaxBodyChars = 1 << 20;
    private readonly SocketsHttpHandler defaultHandler = new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AllowAutoRedirect = false,
    };

    private HttpClient? client;

    /// <summary>Told of every request's URL, status (0 = none) and latency: the benchmark's TwiML timings.</summary>
    public Action<string, int, TimeSpan>? Observer { get; set; }

    public void UseHandler(HttpMessageHandler handler) =>
        Volatile.Write(ref client, new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan });

    public async Task<WebhookResult> SendAsync(string url, string method, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var http = Volatile.Read(ref client) ?? CreateDefault();
        var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        var target = isGet ? QueryHelpers.AddQueryString(url, fields.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value))) : url;
        using var request = new HttpRequestMessage(isGet ? HttpMethod.Get : HttpMethod.Post, target);
        if (!isGet)
        {
            request.Content = new FormUrlEncodedContent(fields);
        }

        request.Headers.TryAddWithoutValidation(TwilioSignature.Header, TwilioSignature.Compute(authToken, target, isGet ? [] : fields));
        request.Headers.TryAddWithoutValidation("User-Agent", "TwilioProxy/1.1");
        request.Headers.TryAddWithoutValidation("I-Twilio-Idempotency-Token", Guid.NewGuid().ToString());

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (body.Length > MaxBodyChars)
            {
                return new((int)response.StatusCode, "", "the response is larger than 1 MB", Stopwatch.GetElapsedTime(started));
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            Observer?.Invoke(target, (int)response.StatusCode, elapsed);
            return new((int)response.StatusCode, body, null, elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(0, "", $"no response within {timeout.TotalSeconds:0} s", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            return new(0, "", $"connection failed ({e.HttpRequestError})", Stopwatch.GetElapsedTime(started));
        }
        catch (ObjectDisposedException)
        {
            // The portal host behind the handler is gone (shut down or being replaced): for Twilio, no answer.
            return new(0, "", "connection failed (the portal is not running)", Stopwatch.GetElapsedTime(started));
        }
    }

    private HttpClient CreateDefault()
    {
        var created = new HttpClient(defaultHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        return Interlocked.CompareExchange(ref client, created, null) ?? created;
    }

    public void Dispose() => defaultHandler.Dispose();
}
