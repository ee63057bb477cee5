using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Features.Api;

/// <summary>
/// Guards every API endpoint: the request must carry <c>Authorization: Bearer &lt;key&gt;</c> of a configured
/// client, or it gets 401 and nothing happens. The client found is handed to the endpoint.
/// </summary>
internal sealed partial class ApiKeyFilter(IOptionsMonitor<ApiOptions> options, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    private const string ClientItem = "VoiceAuth.ApiClient";

    public static ApiClient Client(HttpContext context) => (ApiClient)context.Items[ClientItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var found = Authenticate(http.Request, options.CurrentValue);
        if (found is null)
        {
            LogRefused(http.Request.Path);
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"voiceauth\"";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Missing or unknown API key.",
                detail: "Send the key VoiceAuth's operator gave your application as 'Authorization: Bearer <key>'.");
        }

        http.Items[ClientItem] = found;
        return await next(context);
    }

    /// <summary>
    /// The configured client whose key the request carries, or null. The scheme is matched in any case and the key
    /// trimmed, so every spelling of one key is the same client (the rate limiter partitions on this, not on text).
    /// </summary>
    public static ApiClient? Authenticate(HttpRequest request, ApiOptions options)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        // Every configured key is compared (no early exit), so the time taken does not depend on which one matched.
        ApiClient? found = null;
        foreach (var client in options.Clients)
        {
            if (client.Matches(key) && key.Length > 0)
            {
                found = client;
            }
        }

        return found;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API request to {Path} refused: missing or unknown key.")]
    private partial void LogRefused(PathString path);
}
