using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>
/// The admin pages' reads. Everything is paged and filtered in the database: the accounts grid reads one page of
/// people (plus each one's newest session through the (UserId, CreatedAt) index), never the whole table. Every sort
/// walks an index (AdminIndexes migration) and stops after the page; "last verification" is the person's
/// <see cref="ApplicationUser.LastCallAt"/>, kept with each new call, not a subquery over a million sessions. The
/// status filter and the failures sort read the voiceprint's status that the database keeps on the account
/// (<see cref="ApplicationUser.VoiceStage"/>), so they walk the people table's (stage, sort column) indexes too: with
/// the status on the voiceprint, a status whose people sort late (the not enrolled, who have no last call, newest
/// first) walked most of the join before it found a page.
/// </summary>
public sealed class AdminDirectory(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<AccountResults> QueryAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var total = await AccountCounts.CountAsync(db, Filter(Accounts(db), query, now, common: false), query, now, cancellationToken);
        if (total == 0)
        {
            return new([], 0);
        }

        // An engine filter that many match is written so that SQLite keeps walking the sort's index and stops after
        // the page; one that few match drives the query from the voiceprints' index and sorts those few.
        var common = query.Engine is not null && total >= CommonMatches(await db.Users.CountAsync(cancellationToken));
        var accounts = Filter(Accounts(db), query, now, common);
        var skip = query.Page * query.PageSize;
        var rows = query.Sort == AccountSort.Failures
            ? await FailuresPageAsync(accounts, total, query.Descending, skip, query.PageSize, cancellationToken)
            : await Sort(accounts, query.Sort, query.Descending).Skip(skip).Take(query.PageSize).ToListAsync(cancellationToken);
        var outcomes = await LastOutcomesAsync(db, rows.Select(r => r.User.Id).ToList(), cancellationToken);
        return new(rows.Select(r => ToRow(r, outcomes.GetValueOrDefault(r.User.Id), now)).ToList(), total);
    }

    public async Task<AccountRow?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await Accounts(db).SingleOrDefaultAsync(a => a.User.Id == userId, cancellationToken);
        return found is null ? null : ToRow(found, (await LastOutcomesAsync(db, [userId], cancellationToken)).GetValueOrDefault(userId), clock.GetUtcNow());
    }

    /// <summary>The person's newest calls.</summary>
    public async Task<IReadOnlyList<VerificationSession>> CallsAsync(string userId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AsNoTracking().Where(s => s.UserId == userId)
            .OrderByDescending(s => s.CreatedAt).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>The newest audit entries about the person.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string userId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Where(e => e.SubjectUserId == userId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken);
    }

    internal static IQueryable<Account> Accounts(AppDbContext db) =>
        from u in db.Users.AsNoTracking()
        join v in db.Voiceprints.AsNoTracking() on u.Id equals v.UserId into voiceprints
        from v in voiceprints.DefaultIfEmpty()
        select new Account { User = u, Voiceprint = v };

    /// <summary>
    /// Each listed person's newest call's state, read after paging: one probe of the (UserId, CreatedAt) index per row
    /// shown — as a column of the page query, SQLite would compute it for every row it sorts.
    /// </summary>
    private static async Task<Dictionary<string, SessionState>> LastOutcomesAsync(AppDbContext db, List<string> userIds, CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, State = db.Sessions.Where(s => s.UserId == u.Id).OrderByDescending(s => s.CreatedAt).Select(s => (SessionState?)s.State).FirstOrDefault() })
            .ToListAsync(cancellationToken))
        .Where(r => r.State is not null).ToDictionary(r => r.Id, r => r.State!.Value);

    /// <summary>
    /// Sorting everyone by failures in a row would sort the whole table. Nearly everyone has none, so the order is two
    /// index walks: people with failures (few, through the VoiceFailures index), then everyone else by e-mail (through
    /// the e-mail or the (stage, e-mail) index) — the page is cut from whichever part it falls in.
    /// </summary>
    private static async Task<List<Account>> FailuresPageAsync(IQueryable<Account> accounts, int total, bool descending, int skip, int take, CancellationToken cancellationToken)
    {
        var failing = accounts.Where(a => a.User.VoiceFailures > 0);
        var rest = accounts.Where(a => a.User.VoiceFailures == 0).OrderBy(a => a.User.NormalizedEmail);
        var failingOrdered = descending
            ? failing.OrderByDescending(a => a.User.VoiceFailures).ThenBy(a => a.User.NormalizedEmail)
            : failing.OrderBy(a => a.User.VoiceFailures).ThenBy(a => a.User.NormalizedEmail);
        var (first, second) = descending ? (failingOrdered, rest) : (rest, failingOrdered);
        var failingCount = await failing.CountAsync(cancellationToken); // few: the VoiceFailures index
        var firstCount = descending ? failingCount : total - failingCount;
        var page = skip < firstCount ? await first.Skip(skip).Take(take).ToListAsync(cancellationToken) : [];
        if (page.Count < take)
        {
            page.AddRange(await second.Skip(Math.Max(0, skip - firstCount)).Take(take - page.Count).ToListAsync(cancellationToken));
        }

        return page;
    }

    /// <summary>
    /// From this many matches on (2 % of the accounts) an index walk in the sort's order finds a page sooner than
    /// sorting them all (at 100 000 accounts: about 1 200 rows walked against 2 000 sorted).
    /// </summary>
    private static int CommonMatches(int accounts) => accounts / 50;

    /// <param name="common">
    /// Write the engine filter so that it does not reject a missing voiceprint in SQL's eyes (a CASE): the outer join
    /// then stays people-first, in the sort's index order. Same rows either way.
    /// </param>
    private static IQueryable<Account> Filter(IQueryable<Account> accounts, AccountQuery query, DateTimeOffset now, bool common = false)
    {
        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var digits = new string(search.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length > 0 && digits.Length == search.TrimStart('+', '•', '.').Length)
            {
                // The phone's last digits: equality on the indexed last-four column; fewer digits match its end.
                var last4 = digits.Length >= 4 ? digits[^4..] : digits;
                accounts = digits.Length >= 4
                    ? accounts.Where(a => a.User.PhoneLast4 == last4)
                    : accounts.Where(a => a.User.PhoneLast4!.EndsWith(last4));
            }
            else
            {
                // An e-mail prefix as a range on the indexed NormalizedEmail, which LIKE could not use on SQLite.
                var from = search.ToUpperInvariant();
                var to = from + char.MaxValue;
#pragma warning disable CA1309 // translated to SQL's own comparison, binary (ordinal) on both providers' key columns
                accounts = accounts.Where(a => string.Compare(a.User.NormalizedEmail, from) >= 0 && string.Compare(a.User.NormalizedEmail, to) < 0);
#pragma warning restore CA1309
            }
        }

        if (query.Engine is { } engine)
        {
            accounts = common
                ? accounts.Where(a => (a.Voiceprint == null ? "" : a.Voiceprint.Engine) == engine)
                : accounts.Where(a => a.Voiceprint != null && a.Voiceprint.Engine == engine);
        }

        if (query.MinFailures is { } failures)
        {
            accounts = accounts.Where(a => a.User.VoiceFailures >= failures);
        }

        if (query.LastCallAfter is { } after)
        {
            accounts = accounts.Where(a => a.User.LastCallAt >= after);
        }

        if (query.LastCallBefore is { } before)
        {
            accounts = accounts.Where(a => a.User.LastCallAt == null || a.User.LastCallAt < before); // never counts as before
        }

        if (query.DisabledOnly)
        {
            accounts = accounts.Where(a => a.User.LockoutEnd == DateTimeOffset.MaxValue);
        }

        return query.Status switch
        {
            // Locked depends on the time, so it is the lock's end compared with now, never a stored stage.
            EnrollmentStatus.Locked => accounts.Where(a => a.User.VoiceLockedUntil > now),
            EnrollmentStatus.Enrolled => accounts.Where(a => a.User.VoiceStage == VoiceStage.Enrolled && !(a.User.VoiceLockedUntil > now)),
            EnrollmentStatus.Enrolling => accounts.Where(a => a.User.VoiceStage == VoiceStage.Enrolling && !(a.User.VoiceLockedUntil > now)),
            EnrollmentStatus.NotEnrolled => accounts.Where(a => a.User.VoiceStage == VoiceStage.None && !(a.User.VoiceLockedUntil > now)),
            _ => accounts,
        };
    }

    private static IQueryable<Account> Sort(IQueryable<Account> accounts, AccountSort sort, bool descending) => (sort, descending) switch
    {
        (AccountSort.Created, false) => accounts.OrderBy(a => a.User.CreatedAt).ThenBy(a => a.User.Id),
        (AccountSort.Created, true) => accounts.OrderByDescending(a => a.User.CreatedAt).ThenByDescending(a => a.User.Id),
        // Tie-breakers run the same way as the sort, so one index (LastCallAt, NormalizedEmail) serves both directions.
        (AccountSort.LastVerification, false) => accounts.OrderBy(a => a.User.LastCallAt).ThenBy(a => a.User.NormalizedEmail),
        (AccountSort.LastVerification, true) => accounts.OrderByDescending(a => a.User.LastCallAt).ThenByDescending(a => a.User.NormalizedEmail),
        (_, true) => accounts.OrderByDescending(a => a.User.NormalizedEmail),
        _ => accounts.OrderBy(a => a.User.NormalizedEmail),
    };

    private static AccountRow ToRow(Account a, SessionState? lastOutcome, DateTimeOffset now)
    {
        var v = a.Voiceprint;
        var status = v switch
        {
            { LockedUntil: { } until } when until > now => EnrollmentStatus.Locked,
            { IsComplete: true } => EnrollmentStatus.Enrolled,
            { EnrollmentCount: > 0 } => EnrollmentStatus.Enrolling,
            _ => EnrollmentStatus.NotEnrolled,
        };
        return new(a.User.Id, a.User.Email ?? "", PhoneNumberValidator.Mask(a.User.PhoneNumber), status, v?.Engine, v?.EnrollmentCount ?? 0,
            v?.ConsecutiveFailures ?? 0, v?.LockedUntil, a.User.LockoutEnd == DateTimeOffset.MaxValue, a.User.TwoFactorEnabled,
            a.User.LastCallAt, lastOutcome, a.User.CreatedAt);
    }

    /// <summary>The query's row shape before it leaves the database.</summary>
    internal sealed class Account
    {
        public required ApplicationUser User { get; init; }

        public Voiceprint? Voiceprint { get; init; }
    }
}
