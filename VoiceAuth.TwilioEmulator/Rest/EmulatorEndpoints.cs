using VoiceAuth.Emulator.Calls;

namespace VoiceAuth.Emulator.Rest;

/// <summary>The REST API on ASP.NET Core routing: one catch-all under the prefix, handed to <see cref="EmulatorRestApi"/>.</summary>
internal static class EmulatorEndpoints
{
    public static RouteGroupBuilder MapEmulatorApi(this IEndpointRouteBuilder routes, string prefix, TwilioEmulator emulator)
    {
        var group = routes.MapGroup(prefix);
        group.MapMethods("/2010-04-01/{**rest}", ["GET", "POST", "DELETE"], (HttpContext context) => HandleAsync(context, emulator))
            .AllowAnonymous() // Twilio's own HTTP Basic scheme, checked by the API
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return group;
    }

    private static async Task HandleAsync(HttpContext context, TwilioEmulator emulator)
    {
        var form = context.Request.HasFormContentType
            ? new FormFields([.. (await context.Request.ReadFormAsync(context.RequestAborted)).SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? "")))])
            : FormFields.Empty;
        var path = "/2010-04-01/" + (string?)context.Request.RouteValues["rest"];
        var response = emulator.Api.Handle(new ApiRequest(context.Request.Method, path, context.Request.Headers.Authorization, form));
        await WriteAsync(context.Response, response);
    }

    private static async Task WriteAsync(HttpResponse http, ApiResponse response)
    {
        http.StatusCode = response.Status;
        if (response.Status == 401)
        {
            http.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
        }

        if (response.Body.Length > 0)
        {
            http.ContentType = response.ContentType;
            http.ContentLength = response.Body.Length;
            await http.Body.WriteAsync(response.Body);
        }
    }
}
