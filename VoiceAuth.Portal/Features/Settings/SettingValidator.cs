using System.Globalization;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.VoiceIt;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// Checks a proposed value the way start-up checks configuration: the whole section, with the value in place, goes
/// through the same options validators (so a value the portal would refuse to start with is refused here too).
/// </summary>
public sealed class SettingValidator(IConfiguration configuration, BiometricEngines engines)
{
    public IReadOnlyList<string> Validate(SettingDefinition definition, string value)
    {
        if (value.Length > PortalSetting.MaxValueLength)
        {
            return [$"{definition.Key} takes at most {PortalSetting.MaxValueLength} characters."];
        }

        if (definition.IsNumber && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return [$"{definition.Key} must be a whole number (was '{value}')."];
        }

        if (definition.Choices is { } choices && !choices.Contains(value, StringComparer.Ordinal))
        {
            return [$"{definition.Key} must be one of {string.Join(", ", choices)} (was '{value}')."];
        }

        var candidate = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection([new(definition.Key, value)])
            .Build();
        var failures = new List<string>();
        if (definition.Key.StartsWith(VerificationOptions.Section + ":", StringComparison.OrdinalIgnoreCase))
        {
            failures.AddRange(Check(candidate, VerificationOptions.Section, new VerificationOptionsValidator()));
        }

        // The passphrase reaches the built-in engine too (unless it has its own): its rules apply to it.
        var enginePassphrase = definition.Key == SettingCatalog.Passphrase && candidate[$"{LocalEngineOptions.Section}:Passphrase"] is null;
        if (definition.Key.StartsWith(LocalEngineOptions.Section + ":", StringComparison.OrdinalIgnoreCase) || enginePassphrase)
        {
            var local = candidate.GetSection(LocalEngineOptions.Section).Get<LocalEngineOptions>() ?? new();
            if (enginePassphrase)
            {
                local.Passphrase = value;
            }

            failures.AddRange(Failures(new LocalEngineOptionsValidator().Validate(Options.DefaultName, local)));
        }

        if (definition.Key == SettingCatalog.Engine && value == "VoiceIt")
        {
            // Switching to VoiceIt without its credentials would stop the portal at its next start; and the switch is
            // live only to an engine that was set up at start-up (VoiceIt is, when its credentials were configured).
            failures.AddRange(Check(candidate, VoiceItOptions.Section, new VoiceItOptionsValidator()));
            if (failures.Count == 0 && engines.Find(BiometricEngines.EngineNameOf(value)) is null)
            {
                failures.Add("VoiceIt was not configured when the portal started: set Biometrics:VoiceIt:ApiKey and ApiToken, restart, then switch here.");
            }
        }

        return failures;
    }

    private static IEnumerable<string> Check<T>(IConfiguration candidate, string section, IValidateOptions<T> validator)
        where T : class, new()
    {
        T options;
        try
        {
            options = candidate.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            return [e.Message];
        }

        return Failures(validator.Validate(Options.DefaultName, options));
    }

    private static IEnumerable<string> Failures(ValidateOptionsResult result) => result.Failed ? result.Failures ?? [] : [];
}
