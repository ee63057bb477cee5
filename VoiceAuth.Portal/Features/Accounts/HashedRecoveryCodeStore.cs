using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// Identity's store, except that two-factor recovery codes are kept as salted PBKDF2 hashes. The stock store keeps
/// them in plain text, and a recovery code is as good as the voice check it replaces: a copy of the database must
/// not hand them out. A redeemed code's sign-in entry is staged here, so it commits in the same save that removes the code;
/// so is a refused sign-in's entry (<see cref="SignInAttempt"/>), in the save that counts the failure.
/// </summary>
public sealed class HashedRecoveryCodeStore(AppDbContext context, IAuditLog audit, SignInAttempt attempt, IdentityErrorDescriber? describer = null)
    : UserStore<ApplicationUser, IdentityRole, AppDbContext>(context, describer)
{
    // A code carries about 50 bits; 10 000 rounds make guessing one from a stolen hash cost years, and redeeming
    // (at most ten hashes, behind sign-in lockout) a few milliseconds.
    private const int Rounds = 10_000;

    public override Task ReplaceCodesAsync(ApplicationUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
        => base.ReplaceCodesAsync(user, recoveryCodes.Select(c => Hash(user, c)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(ApplicationUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = await GetTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes", cancellationToken) ?? "";
        var hashes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = Hash(user, code);
        var match = hashes.FirstOrDefault(h => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), Encoding.ASCII.GetBytes(hash)));
        if (match is null)
        {
            return false;
        }

        // Stored already hashed: write the remaining list back as it is, not through ReplaceCodesAsync.
        await SetTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes", string.Join(";", hashes.Where(h => h != match)), cancellationToken);
        // Identity redeems only to sign in, after its lockout check, and its next step saves this context: the code
        // is spent and the sign-in recorded together, or neither (the page writes the entries of refusals).
        audit.Add(Context, SignInAudit.Of(AuditKind.SignInRecoveryCode, user, SignInResult.Success));
        return true;
    }

    public override Task<int> IncrementAccessFailedCountAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        attempt.Failed(user);
        return base.IncrementAccessFailedCountAsync(user, cancellationToken);
    }

    public override Task SetLockoutEndDateAsync(ApplicationUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken = default)
    {
        attempt.LockoutSet(user);
        return base.SetLockoutEndDateAsync(user, lockoutEnd, cancellationToken);
    }

    public override async Task<IdentityResult> UpdateAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        if (attempt.RefusalToStage(user) is not { } refusal)
        {
            return await base.UpdateAsync(user, cancellationToken);
        }

        // Identity's AccessFailedAsync ends in this save: the failed count (and a lockout) and the refusal's entry
        // commit together. Unsaved, the entry must not linger on the context for some later save to write.
        var before = AddedEntries().ToHashSet();
        audit.Add(Context, refusal);
        var staged = AddedEntries().Where(e => !before.Contains(e)).ToList();
        var saved = false;
        try
        {
            var result = await base.UpdateAsync(user, cancellationToken);
            saved = result.Succeeded;
            return result;
        }
        finally
        {
            if (saved)
            {
                attempt.Saved();
            }
            else
            {
                staged.ForEach(e => Context.Entry(e).State = EntityState.Detached);
            }
        }
    }

    private IEnumerable<AuditEntry> AddedEntries() =>
        Context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity);

    /// <summary>The same code however typed: without dashes or spaces, in capitals.</summary>
    public static string Normalise(string code) => new string(code.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    private static string Hash(ApplicationUser user, string code) =>
        Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalise(code)),
            Encoding.UTF8.GetBytes("voiceauth-recovery:" + user.Id), Rounds, HashAlgorithmName.SHA256, 32));
}
