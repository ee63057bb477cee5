using System.Diagnostics;

namespace VoiceAuth.Portal.Telemetry;

/// <summary>
/// Puts each Twilio webhook into its call's trace (a span named for the step, linked to the HTTP request's span)
/// and records how long the portal took to answer it: Twilio waits at most 15 s, and a caller hears the silence.
/// </summary>
internal sealed class WebhookTelemetryFilter(TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var last = http.Request.Path.Value is { } path ? path[(path.LastIndexOf('/') + 1)..] : "";
        var hasSession = Guid.TryParse(http.Request.RouteValues["sessionId"] as string, out var sessionId);
        var step = Guid.TryParse(last, out _) ? "status" : last; // /twilio/status/{sessionId} or /twilio/voice/{sessionId}/{step}

        var started = clock.GetTimestamp();
        using var span = hasSession ? VoiceAuthTelemetry.StartInSession($"twilio.webhook {step}", sessionId, ActivityKind.Server) : null;
        var result = await next(context);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? http.Response.StatusCode;
        span?.SetTag("http.response.status_code", status);
        VoiceAuthTelemetry.WebhookAnswered(step, status, clock.GetElapsedTime(started));
        return result;
    }
}
