using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// An operator's override of one configuration key, made on the admin settings page. It wins over appsettings.json
/// and the environment (see <see cref="DatabaseSettingsProvider"/>). The row stays when the setting is put back to its
/// default (<see cref="Value"/> null), so the page can still say who did that and when.
/// </summary>
public sealed class PortalSetting
{
    public const int MaxValueLength = 200;

    /// <summary>The configuration key, e.g. <c>Verification:VerifyAttemptsPerCall</c>.</summary>
    public required string Key { get; set; }

    /// <summary>The value in force, or null: the default (configuration files and environment) applies.</summary>
    public string? Value { get; set; }

    public string? ChangedByUserId { get; set; }

    public string? ChangedByEmail { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class PortalSettingConfiguration : IEntityTypeConfiguration<PortalSetting>
{
    public void Configure(EntityTypeBuilder<PortalSetting> builder)
    {
        builder.ToTable("PortalSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(128);
        builder.Property(s => s.Value).HasMaxLength(PortalSetting.MaxValueLength);
        builder.Property(s => s.ChangedByUserId).HasMaxLength(450);
        builder.Property(s => s.ChangedByEmail).HasMaxLength(256);
    }
}
