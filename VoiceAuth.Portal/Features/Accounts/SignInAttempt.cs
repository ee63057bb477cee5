using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// The sign-in attempt under way in this request (scoped). <see cref="AccountSignInManager"/> opens it around
/// Identity's check; when Identity counts the attempt as failed (AccessFailedCount, perhaps a lockout), the user store
/// (<see cref="HashedRecoveryCodeStore"/>) stages the refusal's audit entry in that very save: the count and its trace
/// commit together, or neither. An attempt whose refusal is saved nowhere (unknown account, already locked, lockout
/// off) is recorded on its own by the sign-in manager.
/// </summary>
public sealed class SignInAttempt
{
    private AuditKind? kind;
    private string? failedUserId;
    private bool lockedOut;

    /// <summary>The refusal's entry has been written with the failed-count save.</summary>
    public bool Recorded { get; private set; }

    /// <summary>Opens an attempt of <paramref name="attemptKind"/>; disposing it closes the attempt.</summary>
    public IDisposable Begin(AuditKind attemptKind)
    {
        (kind, failedUserId, lockedOut, Recorded) = (attemptKind, null, false, false);
        return new Closer(this);
    }

    /// <summary>The store counted a failure for <paramref name="user"/>.</summary>
    internal void Failed(ApplicationUser user)
    {
        if (kind is not null)
        {
            failedUserId = user.Id;
        }
    }

    /// <summary>The store set a lockout end while counting the failure (Identity's lockout on the last allowed attempt).</summary>
    internal void LockoutSet(ApplicationUser user)
    {
        if (kind is not null && failedUserId == user.Id)
        {
            lockedOut = true;
        }
    }

    /// <summary>The entry to stage with the save of <paramref name="user"/>, when that save counts this attempt's failure.</summary>
    internal AuditEvent? RefusalToStage(ApplicationUser user)
    {
        if (kind is not { } k || failedUserId != user.Id || Recorded)
        {
            return null;
        }

        // Identity reports "locked out" only when the account's lockout is enabled (IsLockedOutAsync).
        return SignInAudit.Of(k, user, lockedOut && user.LockoutEnabled ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut : Microsoft.AspNetCore.Identity.SignInResult.Failed);
    }

    internal void Saved() => Recorded = true;

    private sealed class Closer(SignInAttempt attempt) : IDisposable
    {
        public void Dispose() => (attempt.kind, attempt.failedUserId, attempt.lockedOut) = (null, null, false);
    }
}
