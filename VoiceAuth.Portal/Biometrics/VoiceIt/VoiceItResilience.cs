using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>
/// The VoiceIt client's resilience pipeline (Microsoft.Extensions.Http.Resilience): a deadline per attempt, and
/// retries only where a second try cannot do harm. A connection that failed before the request left is retried
/// for any call; reads and deletes (GET, DELETE) are also retried after timeouts, dropped connections and 5xx/408.
/// Uploads (POST) are never resent once sent: VoiceIt may have processed the first one, and a resent verification
/// comes back RWPU (replay) for a genuine caller, a resent enrollment may be stored twice.
/// </summary>
internal static class VoiceItResilience
{
    public const string PipelineName = "voiceit";

    /// <summary>The operation's name, for logs ("voice enrollment").</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("VoiceAuth.VoiceIt.Operation");

    /// <summary>Attempts made so far, set by the retry strategy.</summary>
    public static readonly HttpRequestOptionsKey<int> Attempts = new("VoiceAuth.VoiceIt.Attempts");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, VoiceItOptions options, ILogger logger)
    {
        if (options.MaxAttempts > 1)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(args.AttemptNumber + 1, options)),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    var operation = request?.Options.TryGetValue(Operation, out var name) == true ? name : "call";
                    request?.Options.Set(Attempts, args.AttemptNumber + 2);
                    VoiceItLog.Retrying(logger, operation, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        // Inside the retry: each attempt has its own deadline.
        pipeline.AddTimeout(options.RequestTimeout);
    }

    /// <summary>Whether a failed attempt may be made again without risk of VoiceIt acting on the request twice.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method)
    {
        if (NeverSent(outcome.Exception))
        {
            return true;
        }

        if (method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            return false;
        }

        return outcome.Exception is HttpRequestException or IOException or TimeoutRejectedException
            || outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout);
    }

    /// <summary>The connection failed before the request was written: VoiceIt cannot have seen it.</summary>
    internal static bool NeverSent(Exception? exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
    };

    /// <summary>Base × 2^(attempt−1), capped, then "equal jitter" (half fixed, half random) so that callers spread out.</summary>
    internal static TimeSpan Backoff(int attempt, VoiceItOptions settings)
    {
        var exponential = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, settings.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }

    internal static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "no answer in time",
        { Exception: HttpRequestException e } => $"connection failed ({e.HttpRequestError})",
        { Exception: { } e } => e.GetType().Name,
        { Result: { } r } => $"HTTP {(int)r.StatusCode}",
        _ => "unknown",
    };
}
