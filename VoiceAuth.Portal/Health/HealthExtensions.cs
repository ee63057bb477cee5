using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceAuth.Portal.Health;

internal static class HealthExtensions
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>
    /// The readiness checks beyond the database (registered by Data) and Redis (by ScaleOut): migrations applied,
    /// the voice engine's model loaded, and — with a real Twilio account — credentials Twilio accepts.
    /// </summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TwilioCredentialsCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<MigrationsHealthCheck>("migrations")
            .AddCheck<EngineHealthCheck>("engine")
            .AddCheck<TwilioCredentialsCheck>("twilio");
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers (no dependency is checked, so a database outage does not get every
    /// instance restarted). <c>/health/ready</c> and <c>/health</c>: every check, 503 when one is unhealthy or still
    /// starting (<see cref="Starting"/>), with a small JSON body naming each check — no exception text, which could
    /// leak internals.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, Options(_ => false));
        app.MapHealthChecks(ReadyPath, Options(_ => true));
        app.MapHealthChecks("/health", Options(_ => true));
        return app;
    }

    private const string StartingKey = "starting";

    /// <summary>
    /// The data of a degraded result that means "not ready yet, and that is normal" (the engine's warm-up): the probes
    /// answer 503 for it as for an unhealthy one, but the health-check service logs it as a warning, not as an error.
    /// Other degraded results (Twilio unreachable) keep answering 200.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, object> Starting = new Dictionary<string, object> { [StartingKey] = true };

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = (context, report) =>
        {
            if (report.Entries.Values.Any(e => e.Data.ContainsKey(StartingKey)))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable; // degraded only while starting: not ready yet
            }

            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            }));
        },
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}
