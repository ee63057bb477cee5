using Microsoft.Extensions.Options;
using VoiceAuth.Emulator;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Shell;
using VoiceAuth.Portal.Telemetry;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Telephony;

internal static class TelephonyExtensions
{
    /// <summary>
    /// Twilio through its official SDK: the real service, or with <c>Twilio:Mode</c> = <c>Emulator</c> (the default
    /// in Development) the emulator in-process. Outside Development, missing credentials stop the start-up.
    /// </summary>
    public static WebApplicationBuilder AddTelephony(this WebApplicationBuilder builder)
    {
        var twilio = builder.AddValidatedOptions(TwilioOptions.Section, new TwilioOptionsValidator(builder.Environment));
        var services = builder.Services;
        // No request logging: Twilio URIs carry the account SID and recording ids (a recording URL is a credential's half).
        var api = services.AddHttpClient(TwilioTelephony.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();
        if (twilio.ModeIn(builder.Environment) == TwilioMode.Emulator)
        {
            // The emulator answers api.twilio.com in-process, with its own credentials; nothing of it exists otherwise.
            builder.AddTwilioEmulator();
            api.UseEmbeddedTwilioEmulator();
            services.AddSingleton(new PageAssembly(typeof(TwilioEmulator).Assembly)); // the softphone
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

    /// <summary>The emulator's REST API when it stands in for Twilio. The webhooks are mapped by the slices that answer them.</summary>
    public static WebApplication MapTelephony(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TwilioAccount>().IsEmulated)
        {
            app.MapTwilioEmulator();
            if (!app.Environment.IsDevelopment())
            {
                // Allowed (an operator asked for it), but worth a line in every start-up log: no phone rings.
                app.Logger.LogWarning("Twilio:Mode is Emulator in the {Environment} environment: calls are emulated and anyone who can open /softphone answers them", app.Environment.EnvironmentName);
            }
        }

        return app;
    }

    /// <summary>A route group for webhooks Twilio calls: anonymous, no antiforgery, every request's signature checked.</summary>
    public static RouteGroupBuilder MapTwilioWebhooks(this IEndpointRouteBuilder routes, string prefix) =>
        routes.MapGroup(prefix).AddEndpointFilter<WebhookTelemetryFilter>().AddEndpointFilter<TwilioSignatureFilter>().DisableAntiforgery().AllowAnonymous();
}
