using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>
/// The admin pages' reads. Everything is paged and filtered in the database: the accounts grid reads one page of
/// people (plus each one's newest session through the (UserId, CreatedAt) index), never the whole table.
/// </summary>
public sealed class AdminDirectory(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<AccountResults> QueryAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var accounts = Filter(Accounts(db), query, now);
        var total = await accounts.CountAsync(cancellationToken);
        var rows = await Sort(accounts, query.Sort, query.Descending)
            .Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return new(rows.Select(r => ToRow(r, now)).ToList(), total);
    }

    public async Task<AccountRow?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await Accounts(db).SingleOrDefaultAsync(a => a.User.Id == userId, cancellationToken);
        return found is null ? null : ToRow(found, clock.GetUtcNow());
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

    private static IQueryable<Account> Accounts(AppDbContext db) =>
        from u in db.Users.AsNoTracking()
        join v in db.Voiceprints.AsNoTracking() on u.Id equals v.UserId into voiceprints
        from v in voiceprints.DefaultIfEmpty()
        select new Account
        {
            User = u,
            Voiceprint = v,
            LastCallAt = db.Sessions.Where(s => s.UserId == u.Id).OrderByDescending(s => s.CreatedAt).Select(s => (DateTimeOffset?)s.CreatedAt).FirstOrDefault(),
            LastOutcome = db.Sessions.Where(s => s.UserId == u.Id).OrderByDescending(s => s.CreatedAt).Select(s => (SessionState?)s.State).FirstOrDefault(),
        };

    private static IQueryable<Account> Filter(IQueryable<Account> accounts, AccountQuery query, DateTimeOffset now)
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

        return query.Status switch
        {
            EnrollmentStatus.Locked => accounts.Where(a => a.Voiceprint != null && a.Voiceprint.LockedUntil > now),
            EnrollmentStatus.Enrolled => accounts.Where(a => a.Voiceprint != null && a.Voiceprint.IsComplete && !(a.Voiceprint.LockedUntil > now)),
            EnrollmentStatus.Enrolling => accounts.Where(a => a.Voiceprint != null && !a.Voiceprint.IsComplete && a.Voiceprint.EnrollmentCount > 0 && !(a.Voiceprint.LockedUntil > now)),
            EnrollmentStatus.NotEnrolled => accounts.Where(a => a.Voiceprint == null || (!a.Voiceprint.IsComplete && a.Voiceprint.EnrollmentCount == 0 && !(a.Voiceprint.LockedUntil > now))),
            _ => accounts,
        };
    }

    private static IQueryable<Account> Sort(IQueryable<Account> accounts, AccountSort sort, bool descending) => (sort, descending) switch
    {
        (AccountSort.Created, false) => accounts.OrderBy(a => a.User.CreatedAt).ThenBy(a => a.User.Id),
        (AccountSort.Created, true) => accounts.OrderByDescending(a => a.User.CreatedAt).ThenBy(a => a.User.Id),
        (AccountSort.Failures, false) => accounts.OrderBy(a => a.Voiceprint == null ? 0 : a.Voiceprint.ConsecutiveFailures).ThenBy(a => a.User.NormalizedEmail),
        (AccountSort.Failures, true) => accounts.OrderByDescending(a => a.Voiceprint == null ? 0 : a.Voiceprint.ConsecutiveFailures).ThenBy(a => a.User.NormalizedEmail),
        (AccountSort.LastVerification, false) => accounts.OrderBy(a => a.LastCallAt).ThenBy(a => a.User.NormalizedEmail),
        (AccountSort.LastVerification, true) => accounts.OrderByDescending(a => a.LastCallAt).ThenBy(a => a.User.NormalizedEmail),
        (_, true) => accounts.OrderByDescending(a => a.User.NormalizedEmail),
        _ => accounts.OrderBy(a => a.User.NormalizedEmail),
    };

    private static AccountRow ToRow(Account a, DateTimeOffset now)
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
            a.LastCallAt, a.LastOutcome, a.User.CreatedAt);
    }

    /// <summary>The query's row shape before it leaves the database.</summary>
    private sealed class Account
    {
        public required ApplicationUser User { get; init; }

        public Voiceprint? Voiceprint { get; init; }

        public DateTimeOffset? LastCallAt { get; init; }

        public SessionState? LastOutcome { get; init; }
    }
}
