using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>Reads the overrides in force (rows whose value is not null).</summary>
internal static class SettingsTable
{
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<PortalSetting>().AsNoTracking().Where(s => s.Value != null)
            .ToDictionaryAsync(s => s.Key, s => s.Value!, StringComparer.OrdinalIgnoreCase, cancellationToken);

    /// <summary>
    /// While configuration is being built there is no service provider yet: open a context on the configured
    /// database directly. Before the first migration there is no table; the refresher reads again once the portal runs.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadAtStartup(Func<AppDbContext?> open)
    {
        try
        {
            using var db = open();
            return db is null ? new Dictionary<string, string>() : ReadAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return new Dictionary<string, string>();
        }
    }
}
