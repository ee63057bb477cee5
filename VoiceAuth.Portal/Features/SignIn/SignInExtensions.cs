using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;

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
            SignInManager<ApplicationUser> signIn, [FromQuery] string? session, [FromQuery] bool? rememberMe, [FromQuery] string? returnUrl) =>
        {
            var result = await signIn.TwoFactorSignInAsync(VoiceTwoFactorTokenProvider.ProviderName, session ?? "", rememberMe == true, rememberClient: false);
            if (result.Succeeded)
            {
                return Results.LocalRedirect("~/" + LocalUrl.OrHome(returnUrl).TrimStart('/'));
            }

            // Both outcomes are audited inside: a success with the spend of the pass, a refusal with the failed count.
            return Results.LocalRedirect(result.IsLockedOut ? "~/Account/Lockout" : "~/Account/Login");
        });
        return endpoints;
    }
}
