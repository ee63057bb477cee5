using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>
/// One row of the audit trail. Append-only: the code has no update or delete path, and the database refuses both
/// (triggers in the AuditTrail migration) except the deletion of rows older than the retention floor.
/// Deliberately no foreign key to the person: the trail outlives a deleted account.
/// </summary>
public sealed class AuditEntry
{
    public const int DetailMaxLength = 200;

    public long Id { get; init; }

    public DateTimeOffset At { get; init; }

    public AuditKind Kind { get; init; }

    public required string Outcome { get; init; }

    public string? ActorUserId { get; init; }

    public string? ActorEmail { get; init; }

    public string? SubjectUserId { get; init; }

    public string? SubjectEmail { get; init; }

    public string? ScoreBand { get; init; }

    public string? Ip { get; init; }

    public string? Application { get; init; }

    public string? Detail { get; init; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    /// <summary>The database trigger's name; declared so EF Core avoids statements triggers break (SQL Server OUTPUT).</summary>
    public const string GuardTrigger = "AuditEntries_AppendOnly";

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries", t => t.HasTrigger(GuardTrigger));
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Outcome).HasMaxLength(32);
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorEmail).HasMaxLength(256);
        builder.Property(e => e.SubjectUserId).HasMaxLength(450);
        builder.Property(e => e.SubjectEmail).HasMaxLength(256);
        builder.Property(e => e.ScoreBand).HasMaxLength(16);
        builder.Property(e => e.Ip).HasMaxLength(45);
        builder.Property(e => e.Application).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(AuditEntry.DetailMaxLength);

        // The searches, newest first: overall, per person (each of the four columns a person matches on, so the
        // database can answer the OR from indexes), per kind, per outcome, per kind and outcome.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.SubjectUserId, e.At });
        builder.HasIndex(e => new { e.ActorUserId, e.At });
        builder.HasIndex(e => new { e.SubjectEmail, e.At });
        builder.HasIndex(e => new { e.ActorEmail, e.At });
        builder.HasIndex(e => new { e.Kind, e.At });
        builder.HasIndex(e => new { e.Outcome, e.At });
        builder.HasIndex(e => new { e.Kind, e.Outcome, e.At });
    }
}
