using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>
/// What an administrator can do to an account. Each change and its one audit entry commit in the same save, so
/// there is no action without its trace and no trace of an action that did not happen.
/// </summary>
public sealed class AdminActions(IDbContextFactory<AppDbContext> dbFactory, VoiceprintDeletion voiceprints, IAuditLog audit)
{
    /// <summary>Lifts a voice-verification lockout (after the administrator has checked who is asking).</summary>
    public Task<string?> UnlockAsync(AdminActor actor, string userId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, userId, AuditKind.AdminUnlock, async (db, _) =>
        {
            var voiceprint = await db.Voiceprints.SingleOrDefaultAsync(v => v.UserId == userId, cancellationToken);
            if (voiceprint is null)
            {
                return "This account has no voiceprint to unlock.";
            }

            (voiceprint.LockedUntil, voiceprint.ConsecutiveFailures) = (null, 0);
            voiceprint.Version++; // the scorer's concurrency token: a scorer mid-update reloads instead of re-locking
            return null;
        }, cancellationToken);

    /// <summary>Deletes the voiceprint at its engine first, then here (the person enrolls again).</summary>
    public async Task<string?> ResetVoiceprintAsync(AdminActor actor, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (!await db.Voiceprints.AnyAsync(v => v.UserId == userId, cancellationToken))
        {
            return "This account has no voiceprint.";
        }

        return await voiceprints.DeleteAsync(userId, cancellationToken, Entry(actor, AuditKind.AdminResetVoiceprint, userId, email));
    }

    /// <summary>The password alone signs the person in again until they turn voice back on.</summary>
    public Task<string?> TurnVoiceFactorOffAsync(AdminActor actor, string userId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, userId, AuditKind.AdminVoiceFactorOff, (_, user) =>
        {
            if (!user.TwoFactorEnabled)
            {
                return Task.FromResult<string?>("The voice factor is already off.");
            }

            user.TwoFactorEnabled = false;
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>
    /// Locks the account for good and changes its security stamp, so open sessions end at their next revalidation.
    /// </summary>
    public Task<string?> DisableAsync(AdminActor actor, string userId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, userId, AuditKind.AdminDisableAccount, (_, user) =>
        {
            if (user.LockoutEnd == DateTimeOffset.MaxValue)
            {
                return Task.FromResult<string?>("The account is already disabled.");
            }

            (user.LockoutEnabled, user.LockoutEnd) = (true, DateTimeOffset.MaxValue);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    private async Task<string?> ChangeAsync(AdminActor actor, string userId, AuditKind kind,
        Func<AppDbContext, ApplicationUser, Task<string?>> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return "There is no such account.";
        }

        if (await change(db, user) is { } refusal)
        {
            return refusal;
        }

        user.ConcurrencyStamp = Guid.NewGuid().ToString(); // as UserManager would: a concurrent profile edit fails instead of undoing this
        audit.Add(db, Entry(actor, kind, userId, user.Email));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static AuditEvent Entry(AdminActor actor, AuditKind kind, string userId, string? email) =>
        new(kind, userId, "Succeeded") { SubjectEmail = email, ActorUserId = actor.UserId, ActorEmail = actor.Email };
}
