namespace VoiceAuth.Portal.Features.Settings;

/// <summary>Hands the configuration system the one <see cref="DatabaseSettingsProvider"/> the refresher also holds.</summary>
internal sealed class DatabaseSettingsSource(DatabaseSettingsProvider provider) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;
}
