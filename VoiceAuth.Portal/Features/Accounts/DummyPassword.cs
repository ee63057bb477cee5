using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// Checks a password against a hash nobody's password matches, at the cost of a real check: an unknown (or locked)
/// account then answers a sign-in as slowly as a real one, so the timing does not tell which addresses have accounts.
/// </summary>
internal sealed class DummyPassword(IOptions<PasswordHasherOptions> options)
{
    // The same algorithm and work factor as Identity's default hasher, which the portal uses.
    private readonly PasswordHasher<ApplicationUser> hasher = new(options);
    private readonly Lazy<string> hash = new(() => new PasswordHasher<ApplicationUser>(options)
        .HashPassword(new ApplicationUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    public void Check(string? password) => hasher.VerifyHashedPassword(new ApplicationUser(), hash.Value, password ?? "");
}
