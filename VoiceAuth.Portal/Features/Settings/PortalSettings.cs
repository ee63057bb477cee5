using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// Reads and changes the settings an administrator may change. A change is validated like start-up configuration,
/// written with its one audit entry in the same save, and put in force on this instance at once; other instances
/// apply it when told through Redis (<see cref="ISettingsBroadcast"/>), or at the latest within
/// <c>Settings:RefreshSeconds</c> (<see cref="SettingsRefresher"/>).
/// </summary>
public sealed class PortalSettings(
    IDbContextFactory<AppDbContext> dbFactory,
    IConfiguration configuration,
    SettingValidator validator,
    SettingsRefresher refresher,
    ISettingsBroadcast broadcast,
    BiometricEngines engines,
    IAuditLog audit,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<SettingView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<PortalSetting>().AsNoTracking().ToDictionaryAsync(s => s.Key, StringComparer.OrdinalIgnoreCase, cancellationToken);
        return SettingCatalog.All.Select(d => View(d, rows.GetValueOrDefault(d.Key))).ToList();
    }

    public async Task<SettingView?> FindAsync(string keyOrSlug, CancellationToken cancellationToken = default)
    {
        if (SettingCatalog.Find(keyOrSlug) is not { } definition)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return View(definition, await db.Set<PortalSetting>().AsNoTracking().SingleOrDefaultAsync(s => s.Key == definition.Key, cancellationToken));
    }

    /// <summary>Voiceprints a change of <paramref name="definition"/> would leave unusable (0 when it strands none).</summary>
    public async Task<int> StrandedVoiceprintsAsync(SettingDefinition definition, CancellationToken cancellationToken = default)
    {
        if (!definition.StrandsVoiceprints)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // An engine switch strands the running engine's voiceprints; a new passphrase, the built-in engine's.
        var engine = definition.Key == SettingCatalog.Engine ? engines.Active.Engine : Biometrics.Local.LocalVoiceBiometrics.EngineName;
        return await db.Voiceprints.CountAsync(v => v.Engine == engine, cancellationToken);
    }

    /// <summary>
    /// Puts <paramref name="value"/> in force (null: back to the default). Returns why not, or null when done. A change
    /// that strands voiceprints needs <paramref name="confirmed"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChangeAsync(SettingActor actor, string keyOrSlug, string? value, bool confirmed, CancellationToken cancellationToken = default)
    {
        if (SettingCatalog.Find(keyOrSlug) is not { } definition)
        {
            return ["There is no such setting."];
        }

        value = value?.Trim();
        if (value is not null)
        {
            if (validator.Validate(definition, value) is { Count: > 0 } failures)
            {
                return failures;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<PortalSetting>().SingleOrDefaultAsync(s => s.Key == definition.Key, cancellationToken);
        var before = View(definition, row);
        var after = value ?? before.Default;
        if (string.Equals(after, before.Effective, StringComparison.Ordinal) && (row?.Value is null) == (value is null))
        {
            return ["That is already the value in force."];
        }

        if (!string.Equals(after, before.Effective, StringComparison.Ordinal) && !confirmed
            && await StrandedVoiceprintsAsync(definition, cancellationToken) is > 0 and var stranded)
        {
            return [$"{stranded} enrolled voiceprint(s) would stop working after this change: those people must enroll again. Tick the confirmation to go ahead."];
        }

        if (row is null)
        {
            row = new PortalSetting { Key = definition.Key };
            db.Add(row);
        }

        (row.Value, row.ChangedByUserId, row.ChangedByEmail, row.ChangedAt) = (value, actor.UserId, actor.Email, clock.GetUtcNow());
        audit.Add(db, new AuditEvent(AuditKind.SettingsChanged, null, "Succeeded")
        {
            ActorUserId = actor.UserId,
            ActorEmail = actor.Email,
            Detail = Describe(definition, before.Effective, after, value is null),
        });
        await db.SaveChangesAsync(cancellationToken);
        await refresher.RefreshAsync(cancellationToken);
        await broadcast.ChangedAsync(cancellationToken);
        return [];
    }

    private SettingView View(SettingDefinition definition, PortalSetting? row) =>
        new(definition, configuration[definition.Key] ?? SettingDefaults.Of(configuration, definition), SettingDefaults.Of(configuration, definition), row);

    /// <summary>The audit line: key and old → new (≤ 200 characters; a long passphrase is shortened, it is said aloud by everyone anyway).</summary>
    private static string Describe(SettingDefinition definition, string before, string after, bool reset)
    {
        static string Clip(string v) => v.Length > 70 ? v[..67] + "…" : v;
        return $"{definition.Key}: {Clip(before)} → {Clip(after)}{(reset ? " (default)" : "")}";
    }
}
