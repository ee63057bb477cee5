using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>Reads the audit trail: newest first, filtered and paged in the database.</summary>
public sealed class AuditSearch(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>
    /// Counting stops here: a page says "10 000+" rather than counting millions of rows on every click (the CSV
    /// export has them all). Keeps every search's cost bounded by its page and this many index entries.
    /// </summary>
    public const int CountLimit = 10_000;

    /// <summary>One page, newest first, and how many match — exactly up to <see cref="CountLimit"/>, then CountLimit + 1.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Rows, int Total)> PageAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await FilterAsync(db, query, cancellationToken);
        // The capped count takes the first CountLimit + 1 entries in the page's own order: a defined set (EF warned of
        // a row limit without an order on every search), and the same plan as the page, walking the index it walks.
        var newestFirst = entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
        var total = await newestFirst.Take(CountLimit + 1).CountAsync(cancellationToken);
        var rows = await newestFirst.Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>Every matching entry, read as it is written out (the export never holds the trail in memory).</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var entry in (await FilterAsync(db, query, cancellationToken)).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    private static async Task<IQueryable<AuditEntry>> FilterAsync(AppDbContext db, AuditQuery query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Person))
        {
            var person = query.Person.Trim();
            // By id, by the account's current address, or by the address recorded then (the account may be gone).
            // The account is looked up first, so that each term of the OR is a plain equality on its own index.
            var normalized = person.ToUpperInvariant();
            var id = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken) ?? person;
            entries = entries.Where(e => e.SubjectUserId == person || e.ActorUserId == person || e.SubjectUserId == id
                || e.ActorUserId == id || e.SubjectEmail == person || e.ActorEmail == person);
        }

        // With a person given, their own rows are few and the OR of person indexes must drive the search. SQLite
        // has no statistics by default and takes one equality on (Kind, At) or (Outcome, At) as cheaper than six
        // OR terms — then walks a million CallEnded entries to find a person's dozen (13 s measured). Comparing
        // Kind and Outcome under NOCASE (the values are fixed ASCII names, so it matches the same rows) keeps those
        // indexes out of that plan. SQL Server plans from statistics and gets the plain comparison.
        var personFirst = !string.IsNullOrWhiteSpace(query.Person) && db.Database.IsSqlite();
        if (query.Kind is { } kind)
        {
            entries = personFirst
                ? entries.Where(e => EF.Functions.Collate(e.Kind, "NOCASE") == kind)
                : entries.Where(e => e.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Outcome))
        {
            var outcome = query.Outcome;
            entries = personFirst
                ? entries.Where(e => EF.Functions.Collate(e.Outcome, "NOCASE") == outcome)
                : entries.Where(e => e.Outcome == outcome);
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
