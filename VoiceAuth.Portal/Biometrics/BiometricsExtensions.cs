using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics.Local;

namespace VoiceAuth.Portal.Biometrics;

/// <summary>Registers the voice-biometric engine chosen by <c>Biometrics:Provider</c>.</summary>
public static class BiometricsExtensions
{
    public const string ProviderKey = "Biometrics:Provider";

    /// <summary>
    /// Binds and validates the engine's options (at start-up) and registers <see cref="IVoiceBiometrics"/>.
    /// <c>Local</c> (the default) is the built-in engine, configured under <c>Biometrics:Local</c>.
    /// </summary>
    public static WebApplicationBuilder AddBiometrics(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration[ProviderKey] ?? "Local";
        if (!provider.Equals("Local", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{ProviderKey} must be Local, not '{provider}'.");
        }

        builder.Services.AddOptions<LocalEngineOptions>().Bind(builder.Configuration.GetSection(LocalEngineOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LocalEngineOptions>, LocalEngineOptionsValidator>();
        builder.Services.AddSingleton<IVoiceBiometrics, LocalVoiceBiometrics>();
        return builder;
    }
}
