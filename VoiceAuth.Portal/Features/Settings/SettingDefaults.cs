using System.Globalization;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// What a setting would be without the database: the last configuration source other than the overrides that has
/// the key (appsettings.json, environment, …), else the options class's own default.
/// </summary>
internal static class SettingDefaults
{
    public static string Of(IConfiguration configuration, SettingDefinition definition)
    {
        if (configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.Reverse())
            {
                if (provider is not DatabaseSettingsProvider && provider.TryGet(definition.Key, out var value) && value is not null)
                {
                    return value;
                }
            }
        }

        return BuiltIn(definition.Key);
    }

    private static string BuiltIn(string key)
    {
        var split = key.LastIndexOf(':');
        var (section, property) = (key[..split], key[(split + 1)..]);
        object? options = section switch
        {
            Features.Verification.VerificationOptions.Section => new Features.Verification.VerificationOptions(),
            Biometrics.Local.LocalEngineOptions.Section => new Biometrics.Local.LocalEngineOptions(),
            _ => null,
        };
        if (options?.GetType().GetProperty(property)?.GetValue(options) is { } v)
        {
            return Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
        }

        return key == SettingCatalog.Engine ? "Local" : "";
    }
}
