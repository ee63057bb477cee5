namespace VoiceAuth.Portal.Features.Settings;

/// <summary>A setting as the settings page shows it: the value in force and where it comes from.</summary>
/// <param name="Override">The database row, when an administrator ever changed this setting (its value null: put back to the default).</param>
public sealed record SettingView(SettingDefinition Definition, string Effective, string Default, PortalSetting? Override)
{
    public bool IsChanged => Override?.Value is not null;

    public string Source => Override switch
    {
        { Value: not null } o => $"Changed by {o.ChangedByEmail ?? "an administrator"} on {o.ChangedAt:yyyy-MM-dd HH:mm} UTC",
        { } o => $"Default (put back by {o.ChangedByEmail ?? "an administrator"} on {o.ChangedAt:yyyy-MM-dd HH:mm} UTC)",
        null => "Default (configuration)",
    };
}
