using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.VoiceIt;

namespace VoiceAuth.Portal.Biometrics;

/// <summary>Registers the voice-biometric engine chosen by <c>Biometrics:Provider</c>.</summary>
public static class BiometricsExtensions
{
    public const string ProviderKey = "Biometrics:Provider";

    /// <summary>
    /// Binds and validates the engine's options (at start-up) and registers <see cref="IVoiceBiometrics"/>.
    /// <c>Local</c> (the default) is the built-in engine, configured under <c>Biometrics:Local</c>;
    /// <c>VoiceIt</c> is VoiceIt API 2, configured under <c>Biometrics:VoiceIt</c>.
    /// </summary>
    public static WebApplicationBuilder AddBiometrics(this WebApplicationBuilder builder)
    {
        // Every registered engine, and the active one: voiceprints made by another engine are recognised as such.
        builder.Services.AddSingleton(sp => new BiometricEngines(sp.GetServices<IVoiceBiometrics>(), sp.GetRequiredService<IVoiceBiometrics>()));
        var provider = builder.Configuration[ProviderKey] ?? "Local";
        if (provider.Equals("VoiceIt", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddVoiceItBiometrics(builder.Configuration);
            return builder;
        }

        if (!provider.Equals("Local", StringComparison.OrdinalIgnoreCase))
        {
            // Reported at start with every other wrong setting; the built-in engine stands in until then.
            builder.Services.AddOptions<UnknownProvider>().Validate(_ => false, $"{ProviderKey} must be Local or VoiceIt (was '{provider}').").ValidateOnStart();
        }

        builder.Services.AddOptions<LocalEngineOptions>().Bind(builder.Configuration.GetSection(LocalEngineOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LocalEngineOptions>, LocalEngineOptionsValidator>();
        builder.Services.AddSingleton<IVoiceBiometrics, LocalVoiceBiometrics>();
        return builder;
    }

    /// <summary>Carries a wrong provider name to the host's start-up validation, which reports every wrong setting at once.</summary>
    private sealed class UnknownProvider;
}
