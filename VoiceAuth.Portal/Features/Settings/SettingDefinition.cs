namespace VoiceAuth.Portal.Features.Settings;

/// <summary>One setting an administrator may change on the settings page; a change applies to the next call, on every instance.</summary>
/// <param name="Key">The configuration key it overrides.</param>
/// <param name="StrandsVoiceprints">Changing it leaves existing voiceprints unusable: the page asks for confirmation.</param>
public sealed record SettingDefinition(
    string Key,
    string Label,
    string Help,
    bool IsNumber,
    IReadOnlyList<string>? Choices = null,
    bool StrandsVoiceprints = false)
{
    /// <summary>The key in a URL (<c>Verification.VerifyAttemptsPerCall</c>): a colon in a path segment confuses people and some proxies.</summary>
    public string Slug => Key.Replace(':', '.');
}
