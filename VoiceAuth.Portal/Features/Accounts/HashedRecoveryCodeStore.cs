using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// Identity's store, except that two-factor recovery codes are kept as salted PBKDF2 hashes. The stock store keeps
/// them in plain text, and a recovery code is as good as the voice check it replaces: a copy of the database must
/// not hand them out. A redeemed code's sign-in entry is staged here, so it commits in the same save that removes the code.
/// </summary>
public sealed class HashedRecoveryCodeStore(AppDbContext context, IAuditLog audit, IdentityErrorDescriber? describer = null)
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

    /// <summary>The same code however typed: without dashes or spaces, in capitals.</summary>
    public static string Normalise(string code) => new string(code.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    private static string Hash(ApplicationUser user, string code) =>
        Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalise(code)),
            Encoding.UTF8.GetBytes("voiceauth-recovery:" + user.Id), Rounds, HashAlgorithmName.SHA256, 32));
}
