using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Telemetry;
using VoiceAuth.Portal.Telephony.Emulator;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Telephony;

internal static class TelephonyExtensions
{
    /// <summary>Twilio through its official SDK — the real service when configured, else the built-in emulator.</summary>
    public static WebApplicationBuilder AddTelephony(this WebApplicationBuilder builder)
    {
        var twilio = builder.AddValidatedOptions(TwilioOptions.Section, new TwilioOptionsValidator());
        var services = builder.Services;
        // No request logging: Twilio URIs carry the account SID and recording ids (a recording URL is a credential's half).
        var api = services.AddHttpClient(TwilioTelephony.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();
        if (twilio.IsEmulated)
        {
            // No account: the built-in emulator answers api.twilio.com in-process, with its own credentials.
            builder.AddTwilioEmulator();
            api.UseEmbeddedTwilioEmulator();
            services.AddSingleton(sp =>
            {
                var emulator = sp.GetRequiredService<TwilioEmulator>();
                return new TwilioAccount(emulator.AccountSid, emulator.AuthToken, emulator.DefaultFromNumber, IsEmulated: true);
            });
        }
        else
        {
            services.AddSingleton(new TwilioAccount(twilio.AccountSid!, twilio.AuthToken!, twilio.FromNumber!, IsEmulated: false));
        }

        services.AddSingleton<WebhookUrls>();
        services.AddSingleton<ITelephony, TwilioTelephony>();
        services.AddSingleton<TwilioSignatureFilter>();
        return builder;
    }

    /// <summary>The webhooks Twilio calls, every one behind signature validation.</summary>
    public static WebApplication MapTelephony(this WebApplication app)
    {
        app.MapTwilioEmulator();

        var twilio = app.MapGroup("/twilio").AddEndpointFilter<WebhookTelemetryFilter>().AddEndpointFilter<TwilioSignatureFilter>().DisableAntiforgery().AllowAnonymous();
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
