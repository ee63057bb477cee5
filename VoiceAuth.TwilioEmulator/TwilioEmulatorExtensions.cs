using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Telephony.Emulator.Rest;
using VoiceAuth.Portal.Telephony.Emulator.Softphone;

namespace VoiceAuth.Portal.Telephony.Emulator;

/// <summary>Registers the built-in Twilio emulator: only while no real Twilio credentials are configured.</summary>
public static class TwilioEmulatorExtensions
{
    /// <summary>
    /// Adds the emulator (a singleton <c>TwilioEmulator</c>), its options from <c>Twilio:Emulator</c> validated at
    /// start-up, and the softphone's services, unless <c>Twilio:AccountSid</c> and <c>Twilio:AuthToken</c> are both set.
    /// </summary>
    public static WebApplicationBuilder AddTwilioEmulator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (HasTwilioCredentials(builder.Configuration))
        {
            return builder;
        }

        builder.AddValidatedOptions(TwilioEmulatorOptions.Section, new TwilioEmulatorOptionsValidator());
        builder.Services.AddSingleton(sp => new TwilioEmulator(
            sp.GetRequiredService<IOptions<TwilioEmulatorOptions>>().Value,
            sp.GetRequiredService<ILogger<TwilioEmulator>>(),
            sp.GetService<TimeProvider>()));
        builder.Services.AddScoped<ISoftphoneLines, IdentitySoftphoneLines>();
        return builder;
    }

    /// <summary>Maps the emulator's REST API under <c>Twilio:Emulator:PathPrefix</c>; does nothing when it is not active.</summary>
    public static WebApplication MapTwilioEmulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<TwilioEmulator>() is not { } emulator)
        {
            return app;
        }

        app.MapEmulatorApi(emulator.Options.PathPrefix, emulator);
        emulator.Log.Started("embedded", emulator.AccountSid, emulator.Options.PhoneNumbers.Length);
        return app;
    }

    /// <summary>
    /// Points an HttpClient (the one the Twilio SDK uses, and the one that downloads recordings) at the embedded
    /// emulator, in-process: requests for <c>https://api.twilio.com/...</c> are served by the emulator without a
    /// socket, whatever address the portal listens on (or none, under a TestServer).
    /// </summary>
    public static IHttpClientBuilder UseEmbeddedTwilioEmulator(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<TwilioEmulator>().CreateApiHandler());
    }

    /// <summary>True when real Twilio credentials are configured, so the emulator stays off.</summary>
    public static bool HasTwilioCredentials(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration["Twilio:AccountSid"]) && !string.IsNullOrWhiteSpace(configuration["Twilio:AuthToken"]);
    }
}
