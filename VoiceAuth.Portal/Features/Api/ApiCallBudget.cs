using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Features.Api;

/// <summary>
/// Api:CallsPerMinute per client, keyed on the authenticated client's name — after the key filter, so every spelling
/// of a key, and a rotated client's old and new key during the grace period, share one budget.
/// </summary>
internal sealed class ApiCallBudget : IEndpointFilter, IDisposable
{
    private readonly int perMinute;
    private readonly PartitionedRateLimiter<string> limiter;

    public ApiCallBudget(IOptions<ApiOptions> options)
    {
        perMinute = options.Value.CallsPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var client = ApiKeyFilter.Client(context.HttpContext);
        using var lease = limiter.AttemptAcquire(client);
        if (!lease.IsAcquired)
        {
            await context.HttpContext.RequestServices.GetRequiredService<ApiStartRefusals>().RecordAsync(client, "CallBudget", subject: null);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many calls.",
                detail: $"This application may ask for {perMinute} calls a minute.",
                extensions: new Dictionary<string, object?> { ["reason"] = "RateLimited" });
        }

        return await next(context);
    }

    public void Dispose() => limiter.Dispose();
}
