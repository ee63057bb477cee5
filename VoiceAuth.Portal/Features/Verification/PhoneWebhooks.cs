using VoiceAuth.Portal.Telephony;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// The webhooks of a verification call, and the URLs that lead to them, side by side: the TwiML this slice writes
/// and the calls Telephony places use these methods, never a string of their own.
/// </summary>
internal static class PhoneWebhooks
{
    public static string Answer(Guid sessionId) => $"twilio/voice/{sessionId:N}/answer";

    public static string Consent(Guid sessionId) => $"twilio/voice/{sessionId:N}/consent";

    public static string Recorded(Guid sessionId, int step) => $"twilio/voice/{sessionId:N}/recorded?step={step}";

    public static string Wait(Guid sessionId, int poll) => $"twilio/voice/{sessionId:N}/wait?poll={poll}";

    public static string Status(Guid sessionId) => $"twilio/status/{sessionId:N}";

    /// <summary>Maps the routes the methods above lead to, behind Twilio's signature check.</summary>
    public static WebApplication MapPhoneWebhooks(this WebApplication app)
    {
        var twilio = app.MapTwilioWebhooks("/twilio");
        var voice = twilio.MapGroup("/voice/{sessionId:guid}");

        voice.MapPost("/answer", (Guid sessionId, HttpRequest request, PhoneFlow flow) =>
            Run(request, form => flow.AnswerAsync(sessionId, form, request.HttpContext.RequestAborted)));
        voice.MapPost("/consent", (Guid sessionId, HttpRequest request, PhoneFlow flow) =>
            Run(request, form => flow.ConsentAsync(sessionId, form, request.HttpContext.RequestAborted)));
        // The query is read here, not bound: binding runs before endpoint filters, so a malformed "?step=x" would
        // fail (with a stack trace in Development) before the signature was checked. Unsigned requests get 403 first.
        voice.MapPost("/recorded", (Guid sessionId, HttpRequest request, PhoneFlow flow) =>
            Run(request, form => flow.RecordedAsync(sessionId, Number(request, "step") ?? 0, form, request.HttpContext.RequestAborted)));
        voice.MapPost("/wait", (Guid sessionId, HttpRequest request, PhoneFlow flow) =>
            Run(request, form => flow.WaitAsync(sessionId, Number(request, "poll") ?? 0, form, request.HttpContext.RequestAborted)));

        twilio.MapPost("/status/{sessionId:guid}", async (Guid sessionId, HttpRequest request, StatusCallbacks callbacks) =>
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            await callbacks.ApplyAsync(sessionId, TwilioRequest.FromForm(form), request.HttpContext.RequestAborted);
            return Results.NoContent();
        });

        return app;
    }

    private static int? Number(HttpRequest request, string key) =>
        int.TryParse(request.Query[key], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static async Task<IResult> Run(HttpRequest request, Func<TwilioRequest, Task<global::Twilio.TwiML.VoiceResponse>> step)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return new TwiMLResult(await step(TwilioRequest.FromForm(form)));
    }
}
