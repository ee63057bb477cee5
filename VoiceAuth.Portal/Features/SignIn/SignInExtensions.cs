using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.SignIn;

internal static class SignInExtensions
{
    /// <summary>Voice as the second factor of the portal's own sign-in (see <see cref="VoiceTwoFactorTokenProvider"/>).</summary>
    public static IdentityBuilder AddVoiceSignIn(this IdentityBuilder identity)
    {
        identity.Services.AddSingleton<SignInTickets>();
        return identity.AddTokenProvider<VoiceTwoFactorTokenProvider>(VoiceTwoFactorTokenProvider.ProviderName);
    }

    /// <summary>Where the sign-in page lands when the call has passed: the passed session completes the sign-in, once.</summary>
    public static IEndpointRouteBuilder MapVoiceSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/Account/LoginWithVoice/Complete", async (
            SignInManager<ApplicationUser> signIn, IAuditLog audit, [FromQuery] string? session, [FromQuery] bool? rememberMe, [FromQuery] string? returnUrl) =>
        {
            var user = await signIn.GetTwoFactorAuthenticationUserAsync(); // read before signing in, which clears it
            var result = await signIn.TwoFactorSignInAsync(VoiceTwoFactorTokenProvider.ProviderName, session ?? "", rememberMe == true, rememberClient: false);
            if (result.Succeeded)
            {
                return Results.LocalRedirect("~/" + LocalUrl.OrHome(returnUrl).TrimStart('/'));
            }

            // A success was written with the spend of the pass; a refusal has no row of its own to commit with.
            await audit.RecordAsync(SignInAudit.Of(AuditKind.SignInVoice, user, result), CancellationToken.None);
            return Results.LocalRedirect(result.IsLockedOut ? "~/Account/Lockout" : "~/Account/Login");
        });
        return endpoints;
    }
}
