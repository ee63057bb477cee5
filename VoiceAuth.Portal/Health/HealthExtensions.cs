using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceAuth.Portal.Health;

internal static class HealthExtensions
{
    /// <summary>
    /// <c>GET /health</c>: 200 when every registered check (the database, and whatever the features add) passes,
    /// 503 otherwise, with a small JSON body naming each check — no exception text, which could leak internals.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new()
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
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
        });
        return app;
    }
}
