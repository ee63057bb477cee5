using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Spends a passed verification: each one opens one sign-in (the portal's, or an API client's), once, and only
/// shortly after the call. One conditional update, so two tabs or two servers cannot both spend it.
/// </summary>
public sealed class PassedSessions(IDbContextFactory<AppDbContext> dbFactory, IAuditLog audit, TimeProvider clock)
{
    /// <summary>How long after the call a passed verification may still be spent.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    /// <param name="owner">Whose it must be (the person and the portal's sign-in, or an API client).</param>
    /// <param name="auditAs">
    /// The audit entry for the attempt, given whether it spent the pass; written in the same transaction as the
    /// conditional update, so there is no redeem without its entry and no entry for a redeem that rolled back.
    /// </param>
    public async Task<bool> SpendAsync(Guid sessionId, Expression<Func<VerificationSession, bool>> owner, CancellationToken cancellationToken,
        Func<bool, AuditEvent?>? auditAs = null)
    {
        var now = clock.GetUtcNow();
        var since = now - Freshness;
        var (passed, verify) = (SessionState.Passed, SessionPurpose.Verify);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var spent = await db.WriteAsync(async () =>
        {
            await using var transaction = auditAs is null ? null : await db.Database.BeginTransactionAsync(cancellationToken);
            var updated = await db.Sessions.Where(owner)
                .Where(s => s.Id == sessionId && s.Purpose == verify && s.State == passed && s.ConsumedAt == null && s.CompletedAt > since)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ConsumedAt, now), cancellationToken);
            if (auditAs?.Invoke(updated == 1) is { } entry)
            {
                audit.Add(db, entry);
                await db.SaveChangesAsync(cancellationToken); // inside the transaction: SQLite's write turn is already ours
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return updated;
        }, cancellationToken);
        return spent == 1;
    }
}
