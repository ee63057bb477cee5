namespace VoiceAuth.Portal.Features.Audit;

/// <summary>The audit trail's settings (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The database refuses to delete entries younger than this many days, whatever the configuration says: a
    /// compromised portal can then not erase recent history. Changing it means a migration (the trigger holds it).
    /// </summary>
    public const int MinimumRetentionDays = 90;

    /// <summary>How long entries are kept before the sweeper deletes them (Audit:RetentionDays, at least 90).</summary>
    public int RetentionDays { get; set; } = 400;
}
