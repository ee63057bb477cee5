using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.SignIn;

/// <summary>
/// Voice as ASP.NET Core Identity's second factor. A person with a complete voiceprint (and two-factor on, which
/// enrollment turns on) gets "requires two-factor" from the password step; the "code" that completes sign-in is the
/// id of a verification session that passed within the last few minutes — spent on first use.
/// </summary>
internal sealed class VoiceTwoFactorTokenProvider(IDbContextFactory<AppDbContext> dbFactory, BiometricEngines engines, PassedSessions passedSessions)
    : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string ProviderName = "Voice";

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

        // Only a sign-in call of this person counts (not a test call from the voiceprint page, not an API client's).
        // A valid pass is the sign-in's success (Identity checks lockout before asking us), so its entry commits with the spend.
        return await passedSessions.SpendAsync(sessionId, s => s.UserId == user.Id && s.Client == null && s.ForSignIn, CancellationToken.None,
            auditAs: spent => spent ? SignInAudit.Of(AuditKind.SignInVoice, user, SignInResult.Success) : null);
    }
}
