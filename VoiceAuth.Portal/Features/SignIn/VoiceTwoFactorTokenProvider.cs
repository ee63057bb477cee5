using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.SignIn;

/// <summary>
/// Voice as ASP.NET Core Identity's second factor. A person with a complete voiceprint (and two-factor on, which
/// enrollment turns on) gets "requires two-factor" from the password step; the "code" that completes sign-in is the
/// id of a verification session that passed within the last few minutes — spent on first use.
/// </summary>
internal sealed class VoiceTwoFactorTokenProvider(IDbContextFactory<AppDbContext> dbFactory, BiometricEngines engines, TimeProvider clock)
    : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string ProviderName = "Voice";

    /// <summary>How long after the call a passed verification may still open a sign-in.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Voiceprints.AnyAsync(v => v.UserId == user.Id && v.IsComplete && v.Engine == engines.Active.Engine);
    }

    // The code is never sent anywhere: it is the verification session the person's own call produced.
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        if (!Guid.TryParseExact(token, "N", out var sessionId))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var since = now - Freshness;
        await using var db = await dbFactory.CreateDbContextAsync();
        var passed = SessionState.Passed;
        var verify = SessionPurpose.Verify;
        // One conditional update: only the first use of a fresh, passed verification of this person succeeds.
        var spent = await db.WriteAsync(() => db.Sessions
            .Where(s => s.Id == sessionId && s.UserId == user.Id && s.Client == null && s.ForSignIn && s.Purpose == verify && s.State == passed
                && s.ConsumedAt == null && s.CompletedAt > since)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ConsumedAt, now)), CancellationToken.None);
        return spent == 1;
    }
}
