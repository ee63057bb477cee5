using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>Reads the audit trail: newest first, filtered and paged in the database.</summary>
public sealed class AuditSearch(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<AuditEntry> Rows, int Total)> PageAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = Filter(db, query);
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>Every matching entry, read as it is written out (the export never holds the trail in memory).</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var entry in Filter(db, query).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    private static IQueryable<AuditEntry> Filter(AppDbContext db, AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Person))
        {
            var person = query.Person.Trim();
            // By id, by the account's current address, or by the address recorded then (the account may be gone).
            var normalized = person.ToUpperInvariant();
            var ids = db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id);
            entries = entries.Where(e => e.SubjectUserId == person || e.ActorUserId == person || ids.Contains(e.SubjectUserId!)
                || ids.Contains(e.ActorUserId!) || e.SubjectEmail == person || e.ActorEmail == person);
        }

        if (query.Kind is { } kind)
        {
            entries = entries.Where(e => e.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Outcome))
        {
            entries = entries.Where(e => e.Outcome == query.Outcome);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        return entries;
    }
}
