using Microsoft.Extensions.Options;
using VoiceAuth.Emulator.Rest;

namespace VoiceAuth.Emulator;

/// <summary>Composes the emulator into a host. The host decides whether to: the emulator never switches itself on.</summary>
public static class TwilioEmulatorExtensions
{
    /// <summary>
    /// Adds the emulator (a singleton <see cref="TwilioEmulator"/>) with its options from <c>Twilio:Emulator</c>,
    /// validated now and at start-up so that a bad value stops the host with a message naming the key.
    /// </summary>
    public static IHostApplicationBuilder AddTwilioEmulator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var validator = new TwilioEmulatorOptionsValidator();
        var section = builder.Configuration.GetSection(TwilioEmulatorOptions.Section);
        builder.Services.AddOptions<TwilioEmulatorOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TwilioEmulatorOptions>>(validator);
        var result = validator.Validate(null, section.Get<TwilioEmulatorOptions>() ?? new());
        if (result.Failed)
        {
            throw new OptionsValidationException(TwilioEmulatorOptions.Section, typeof(TwilioEmulatorOptions), result.Failures);
        }

        builder.Services.AddSingleton(sp => new TwilioEmulator(
            sp.GetRequiredService<IOptions<TwilioEmulatorOptions>>().Value,
            sp.GetRequiredService<ILogger<TwilioEmulator>>(),
            sp.GetService<TimeProvider>()));
        return builder;
    }

    /// <summary>Maps the emulator's REST API under <c>Twilio:Emulator:PathPrefix</c>. The softphone page comes with the assembly's routes.</summary>
    public static IEndpointRouteBuilder MapTwilioEmulator(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var emulator = routes.ServiceProvider.GetRequiredService<TwilioEmulator>();
        routes.MapEmulatorApi(emulator.Options.PathPrefix, emulator);
        emulator.Log.Started("embedded", emulator.AccountSid, emulator.Options.PhoneNumbers.Length);
        return routes;
    }

    /// <summary>
    /// Points an HttpClient (the one the Twilio SDK uses, and the one that downloads recordings) at the embedded
    /// emulator, in-process: requests for <c>https://api.twilio.com/...</c> are served by the emulator without a
    /// socket, whatever address the host listens on (or none, under a TestServer).
    /// </summary>
    public static IHttpClientBuilder UseEmbeddedTwilioEmulator(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<TwilioEmulator>().CreateApiHandler());
    }
}
