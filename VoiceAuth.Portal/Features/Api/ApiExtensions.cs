using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Configuration;

namespace VoiceAuth.Portal.Features.Api;

internal static class ApiExtensions
{
    public const string CallsPolicy = "api-calls";

    /// <summary>The verification API for other applications' login pages (see docs/api.md).</summary>
    public static WebApplicationBuilder AddVerificationApi(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions(ApiOptions.Section, new ApiOptionsValidator());
        builder.Services.AddSingleton<ApiKeyFilter>();
        builder.Services.AddOpenApi(ApiDocument.Name, ApiDocument.Configure);
        builder.Services.AddRateLimiter(limits =>
        {
            // Partitioned by the authenticated client, not by the header's text: "Bearer K", "bearer K" and
            // "Bearer  K" are one client with one budget. The limiter runs before the key filter, so it looks the
            // client up itself; requests with no valid key share one partition and get 401 from the filter anyway.
            limits.AddPolicy(CallsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ApiKeyFilter.Authenticate(context.Request, context.RequestServices.GetRequiredService<IOptionsMonitor<ApiOptions>>().CurrentValue)?.Name ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.CallsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limits.OnRejected = (context, cancellationToken) => context.HttpContext.Request.Path.StartsWithSegments("/api")
                ? new ValueTask(Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many calls.",
                    detail: $"This application may ask for {options.CallsPerMinute} calls a minute.",
                    extensions: new Dictionary<string, object?> { ["reason"] = "RateLimited" }).ExecuteAsync(context.HttpContext))
                : ValueTask.CompletedTask; // the portal's pages show their own status page
        });
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapVerificationApi();
        app.MapOpenApi("/api/{documentName}/openapi.json");
        return app;
    }
}
