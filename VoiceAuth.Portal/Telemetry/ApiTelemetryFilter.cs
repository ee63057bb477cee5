namespace VoiceAuth.Portal.Telemetry;

/// <summary>Counts the verification API's requests per client (the configured name, never the key), operation and status.</summary>
internal sealed class ApiTelemetryFilter(Func<HttpContext, string?> clientName) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var client = clientName(http) ?? "unknown";
        System.Diagnostics.Activity.Current?.SetTag("voiceauth.api.client", client);
        var result = await next(context);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? http.Response.StatusCode;
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "unknown";
        VoiceAuthTelemetry.ApiCalled(client, operation, status);
        return result;
    }
}
