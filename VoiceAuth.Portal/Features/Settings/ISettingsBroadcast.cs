namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// Tells the other instances that the settings table changed, so they apply it at once instead of at their next
/// periodic read (<see cref="SettingsRefresher"/>). Only a nudge: the values themselves are read from the database,
/// so a lost nudge costs at most <c>Settings:RefreshSeconds</c>. Alone (no Redis) there is nobody to tell.
/// </summary>
public interface ISettingsBroadcast
{
    Task ChangedAsync(CancellationToken cancellationToken);
}

internal sealed class NoSettingsBroadcast : ISettingsBroadcast
{
    public Task ChangedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
