using VoiceAuth.Portal.Features.Api.Clients;

namespace VoiceAuth.Portal.Features.Api;

/// <summary>
/// Guards every API endpoint: the request must carry <c>Authorization: Bearer &lt;key&gt;</c> of a configured or
/// console-created client that is not revoked, or it gets 401 and nothing happens. The client's name is handed to the endpoint.
/// </summary>
internal sealed partial class ApiKeyFilter(ApiClientAuthenticator authenticator, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    private const string ClientItem = "VoiceAuth.ApiClient";

    /// <summary>The authenticated client's name (unique across configuration and the console).</summary>
    public static string Client(HttpContext context) => (string)context.Items[ClientItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var found = await authenticator.AuthenticateAsync(http.Request, http.RequestAborted);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "API request to {Path} refused: missing, unknown, revoked or expired key.")]
    private partial void LogRefused(PathString path);
}
