using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.SignIn;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// Identity's sign-in with two holes closed: an unknown or locked account costs the same password check as a real
/// one (no timing difference), and a wrong recovery code counts toward lockout like a wrong password. It also writes
/// each attempt's audit entry: a refusal that Identity counts commits with the count (<see cref="SignInAttempt"/>);
/// successes and uncounted refusals (unknown address, account already locked) are written here on their own, since
/// a cookie has no row to commit with. The typed password or code is never recorded.
/// </summary>
internal sealed class AccountSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    DummyPassword dummyPassword,
    SignInAttempt attempt,
    IAuditLog audit)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            dummyPassword.Check(password);
            // No subject, and not the typed address either: it may be a password typed in the wrong box.
            await RecordAsync(AuditKind.SignInPassword, null, SignInResult.Failed);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> PasswordSignInAsync(ApplicationUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        using (attempt.Begin(AuditKind.SignInPassword))
        {
            var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
            await RecordUnlessSavedAsync(AuditKind.SignInPassword, user, result);
            return result;
        }
    }

    /// <summary>The voice step's completion; a success was recorded with the spend of the passed call (VoiceTwoFactorTokenProvider).</summary>
    public override async Task<SignInResult> TwoFactorSignInAsync(string provider, string code, bool isPersistent, bool rememberClient)
    {
        if (provider != VoiceTwoFactorTokenProvider.ProviderName)
        {
            return await base.TwoFactorSignInAsync(provider, code, isPersistent, rememberClient);
        }

        using (attempt.Begin(AuditKind.SignInVoice))
        {
            var result = await base.TwoFactorSignInAsync(provider, code, isPersistent, rememberClient);
            if (!result.Succeeded)
            {
                // Still the half-signed-in person: a refusal leaves the two-factor cookie in place.
                await RecordUnlessSavedAsync(AuditKind.SignInVoice, await GetTwoFactorAuthenticationUserAsync(), result);
            }

            return result;
        }
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        // Identity refuses a locked account before hashing anything; hash anyway so it is not the fast answer.
        if (await PreSignInCheck(user) is { } refused)
        {
            dummyPassword.Check(password);
            return refused;
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInResult.Failed;
        }

        using (attempt.Begin(AuditKind.SignInRecoveryCode))
        {
            var result = await RecoveryCodeSignInAsync(user, recoveryCode);
            // A success was recorded by the store, in the save that spent the code.
            if (!result.Succeeded)
            {
                await RecordUnlessSavedAsync(AuditKind.SignInRecoveryCode, user, result);
            }

            return result;
        }
    }

    private async Task<SignInResult> RecoveryCodeSignInAsync(ApplicationUser user, string recoveryCode)
    {
        if (await IsLockedOut(user))
        {
            return SignInResult.LockedOut;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded || !UserManager.SupportsUserLockout)
        {
            return result;
        }

        // Identity does not count these (the codes are random), but ten codes make guessing easier than one password.
        await UserManager.AccessFailedAsync(user);
        return await IsLockedOut(user) ? SignInResult.LockedOut : result;
    }

    private Task RecordUnlessSavedAsync(AuditKind kind, ApplicationUser? user, SignInResult result) =>
        attempt.Recorded ? Task.CompletedTask : RecordAsync(kind, user, result);

    private Task RecordAsync(AuditKind kind, ApplicationUser? user, SignInResult result) =>
        audit.RecordAsync(SignInAudit.Of(kind, user, result), CancellationToken.None);
}
