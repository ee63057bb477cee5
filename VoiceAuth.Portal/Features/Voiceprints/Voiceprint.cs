using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoiceAuth.Portal.Features.Voiceprints;

/// <summary>
/// A person's voiceprint as the portal stores it: the engine's opaque state, encrypted at rest with ASP.NET Core
/// Data Protection (<see cref="VoiceprintStore"/>), plus what the page shows and the lockout counters.
/// </summary>
public sealed class Voiceprint
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string UserId { get; set; }

    /// <summary>The engine that made it; a different configured engine means re-enrolling.</summary>
    public required string Engine { get; set; }

    /// <summary>The engine's <c>VoiceprintState.Data</c>, encrypted. Never leaves the server.</summary>
    public byte[] ProtectedState { get; set; } = [];

    public int EnrollmentCount { get; set; }

    public bool IsComplete { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? EnrolledAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Verification failures since the last success; reaching the limit locks voice verification.</summary>
    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Optimistic concurrency: two scorers must never both write an enrollment step.</summary>
    public int Version { get; set; }
}

/// <summary>The person's one-time consent to voice biometrics, kept with its time (and kept after deletion of the voiceprint).</summary>
public sealed class VoiceConsent
{
    public required string UserId { get; set; }

    public DateTimeOffset ConsentedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The wording the person agreed to, by version, so a later change of text is traceable.</summary>
    public int TextVersion { get; set; }
}

internal sealed class VoiceprintConfiguration : IEntityTypeConfiguration<Voiceprint>, IEntityTypeConfiguration<VoiceConsent>
{
    /// <summary>The insert trigger's name; the update and delete triggers carry suffixes (same names on both providers).</summary>
    public const string StatusTrigger = "Voiceprints_AccountVoiceStatus";

    public void Configure(EntityTypeBuilder<Voiceprint> builder)
    {
        // The triggers that copy the status onto the account (AccountVoiceStatus migrations); declared so EF does not
        // read a save's results through RETURNING / OUTPUT, which a table with triggers does not allow.
        builder.ToTable("Voiceprints", t =>
        {
            t.HasTrigger(StatusTrigger);
            t.HasTrigger(StatusTrigger + "_Update");
            t.HasTrigger(StatusTrigger + "_Delete");
        });
        builder.HasIndex(v => v.UserId).IsUnique();
        builder.Property(v => v.UserId).HasMaxLength(450);
        builder.Property(v => v.Engine).HasMaxLength(32);
        builder.Property(v => v.Version).IsConcurrencyToken();
        // The admin grid: the few people with failures first, and counts per status without reading the table.
        builder.HasIndex(v => v.ConsecutiveFailures);
        builder.HasIndex(v => new { v.IsComplete, v.LockedUntil, v.EnrollmentCount });
        builder.HasIndex(v => v.LockedUntil);
        builder.HasOne<Data.ApplicationUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<VoiceConsent> builder)
    {
        builder.HasKey(c => c.UserId);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.HasOne<Data.ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
