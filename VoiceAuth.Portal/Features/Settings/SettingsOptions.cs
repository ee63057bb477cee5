using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>Section <c>Settings</c>: how the settings changed on the admin page reach every instance.</summary>
public sealed class SettingsOptions
{
    public const string Section = "Settings";

    /// <summary>How often each instance re-reads the settings table (a change made on this instance applies at once).</summary>
    public int RefreshSeconds { get; set; } = 5;
}

internal sealed class SettingsOptionsValidator : IValidateOptions<SettingsOptions>
{
    public ValidateOptionsResult Validate(string? name, SettingsOptions options) =>
        options.RefreshSeconds is >= 1 and <= 300
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Settings:RefreshSeconds must be between 1 and 300 (was {options.RefreshSeconds}).");
}
