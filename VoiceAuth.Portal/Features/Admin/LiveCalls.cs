using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>
/// The live-calls page's reads: the calls in progress, once, when the page opens (later steps arrive through
/// <see cref="SessionNotifier.SubscribeAll"/>), and one call the page first hears of through an update.
/// </summary>
public sealed class LiveCalls(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// Sessions live at most <c>Verification:SessionMinutes</c> (validated ≤ 60) before the sweeper ends them: looking
    /// back a little further lets the (CreatedAt) index bound the read instead of scanning every session ever made.
    /// </summary>
    private static readonly TimeSpan LookBack = TimeSpan.FromMinutes(70);

    /// <summary>More calls than this at once is beyond any configured ceiling worth showing row by row.</summary>
    public const int MaxShown = 500;

    public async Task<IReadOnlyList<LiveCall>> InProgressAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = clock.GetUtcNow() - LookBack;
        var live = db.Sessions.Where(s => s.CreatedAt >= since && SessionStates.Live.Contains(s.State)).OrderBy(s => s.CreatedAt).Take(MaxShown);
        var calls = await Project(db, live).ToListAsync(cancellationToken);
        return calls.OrderBy(c => c.StartedAt).ToList(); // the join does not keep the order
    }

    /// <summary>One call, if it is still in progress.</summary>
    public async Task<LiveCall?> FindAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.Sessions.Where(s => s.Id == sessionId && SessionStates.Live.Contains(s.State)))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<LiveCall> Project(AppDbContext db, IQueryable<VerificationSession> sessions) =>
        from s in sessions.AsNoTracking()
        join u in db.Users on s.UserId equals u.Id into users
        from u in users.DefaultIfEmpty()
        select new LiveCall(s.Id, u.Email, PhoneNumberValidator.Mask(s.CalledNumber), s.Purpose, s.Client, s.State, s.Step,
            s.StepsNeeded, s.EventCount, s.CreatedAt, s.StateChangedAt);
}
