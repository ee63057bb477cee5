namespace VoiceAuth.Portal.Shell;

internal static class SecurityHeaders
{
    /// <summary>
    /// <c>X-Content-Type-Options: nosniff</c> (an uploaded or reflected text is never run as script) and a
    /// <c>Referrer-Policy</c> that keeps paths and queries — a reset link's code — from other sites. Added as the
    /// response starts, so error pages (whose headers the exception handler clears) carry them too.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
