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
        // Every registered engine, and the one in force: voiceprints made by another engine are recognised as such.
        // The provider is read on each use, so an administrator's switch in the settings needs no restart.
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(sp => new BiometricEngines(sp.GetServices<IVoiceBiometrics>(), sp.GetRequiredService<IVoiceBiometrics>(),
            () => configuration[ProviderKey]));
        var provider = builder.Configuration[ProviderKey] ?? "Local";
        var voiceIt = provider.Equals("VoiceIt", StringComparison.OrdinalIgnoreCase);
        if (!voiceIt && !provider.Equals("Local", StringComparison.OrdinalIgnoreCase))
        {
            // Reported at start with every other wrong setting; the built-in engine stands in until then.
            builder.Services.AddOptions<UnknownProvider>().Validate(_ => false, $"{ProviderKey} must be Local or VoiceIt (was '{provider}').").ValidateOnStart();
        }

        // VoiceIt is also registered when its credentials are configured and valid, so that an administrator can
        // switch to it without a restart. The engine chosen at start-up is registered last: it is the one
        // IVoiceBiometrics resolves to.
        if (!voiceIt && VoiceItConfigured(builder.Configuration))
        {
            builder.Services.AddVoiceItBiometrics(builder.Configuration);
        }

        // The built-in engine is always there: it costs nothing until used, and an administrator may switch back to it.
        builder.Services.AddOptions<LocalEngineOptions>().Bind(builder.Configuration.GetSection(LocalEngineOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LocalEngineOptions>, LocalEngineOptionsValidator>();
        builder.Services.AddSingleton(LocalEngineModels.Shipped);
        builder.Services.AddSingleton<IVoiceBiometrics, LocalVoiceBiometrics>();

        // Its one-time precomputation runs right after start, off the request path; the instance is unready until then.
        builder.Services.AddSingleton(sp => new EngineWarmUp(sp.GetRequiredService<LocalEngineModels>(), sp.GetRequiredService<BiometricEngines>(),
            sp.GetRequiredService<IOptionsMonitor<LocalEngineOptions>>(), sp.GetRequiredService<ILogger<EngineWarmUp>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineWarmUp>());
        if (voiceIt)
        {
            builder.Services.AddVoiceItBiometrics(builder.Configuration);
        }

        return builder;
    }

    /// <summary>Carries a wrong provider name to the host's start-up validation, which reports every wrong setting at once.</summary>
    private sealed class UnknownProvider;

    private static bool VoiceItConfigured(IConfiguration configuration)
    {
        var section = configuration.GetSection(VoiceItOptions.Section);
        if (string.IsNullOrEmpty(section["ApiKey"]))
        {
            return false;
        }

        try
        {
            return new VoiceItOptionsValidator().Validate(Options.DefaultName, section.Get<VoiceItOptions>() ?? new()).Succeeded;
        }
        catch (InvalidOperationException)
        {
            return false; // a value that does not bind: left to the operator who switches to VoiceIt at start-up
        }
    }
}
