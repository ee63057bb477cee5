using Microsoft.AspNetCore.Diagnostics;
using Twilio.Security;

namespace VoiceAuth.Portal.Telephony.Twilio;

/// <summary>
/// Rejects, with 403 and before anything else runs, any webhook whose <c>X-Twilio-Signature</c> is missing or
/// does not match the HMAC of the URL Twilio requested (the public base URL + path + query) and the form fields.
/// There is deliberately no "allow local requests" switch: it is a known request-forgery hole.
/// </summary>
internal sealed partial class TwilioSignatureFilter(TwilioAccount account, WebhookUrls urls, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string Header = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Twilio reads status codes, not pages: keep the status-code page middleware away from webhook answers.
        if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        var request = context.HttpContext.Request;
        var signature = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(signature) || !request.HasFormContentType)
        {
            LogRejected("missing signature or form");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var url = urls.For(request.Path.Value!.TrimStart('/') + request.QueryString.Value).AbsoluteUri;

        if (!new RequestValidator(account.AuthToken).Validate(url, fields, signature))
        {
            LogRejected("signature mismatch");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Twilio webhook: {Why}.")]
    private partial void LogRejected(string why);
}
