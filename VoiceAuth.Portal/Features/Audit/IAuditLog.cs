using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>
/// Writes the append-only audit trail. <see cref="Add"/> only stages the row on the caller's context, so it commits
/// in the same SaveChanges (and transaction) as the change it records — or not at all.
/// </summary>
public interface IAuditLog
{
    /// <summary>Stages one entry on <paramref name="db"/>; the caller's next SaveChanges writes it.</summary>
    void Add(AppDbContext db, AuditEvent auditEvent);

    /// <summary>Writes one entry on its own, for events with no row of their own to commit with (a sign-in's cookie).</summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
