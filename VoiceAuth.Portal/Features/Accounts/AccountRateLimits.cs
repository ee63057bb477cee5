using System.Threading.RateLimiting;

namespace VoiceAuth.Portal.Features.Accounts;

internal static class AccountRateLimits
{
    /// <summary>
    /// Form posts to the account pages (sign-in, registration, password changes) per client address per minute.
    /// Per-account lockout stops guessing one password; this stops one address trying many accounts or
    /// registering in bulk. Requests over the limit get 429 and the plain-words status page.
    /// </summary>
    public const int PostsPerMinute = 20;

    public static WebApplicationBuilder AddAccountRateLimits(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("Accounts:PostsPerMinute", PostsPerMinute);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Account")
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
        });
        return builder;
    }
}
