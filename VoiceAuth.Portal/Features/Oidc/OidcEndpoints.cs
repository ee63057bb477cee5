using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using VoiceAuth.Portal.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>
/// The endpoints OpenIddict passes through to the portal once it has validated a request. Discovery, JWKS and
/// pushed authorization requests are answered by OpenIddict itself.
/// </summary>
internal static class OidcEndpoints
{
    public static IEndpointRouteBuilder MapOidcEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(VoiceAuthOidc.AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(VoiceAuthOidc.TokenPath, TokenAsync).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapMethods(VoiceAuthOidc.UserInfoPath, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapMethods(VoiceAuthOidc.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static Task<IResult> AuthorizeAsync(HttpContext http, OidcSignIn signIn) =>
        signIn.AuthorizeAsync(http, http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request."));

    /// <summary>Codes only (no refresh tokens): the code's principal is reissued if its person still exists.</summary>
    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<ApplicationUser> users)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType())
        {
            return OidcSignIn.Forbid(Errors.UnsupportedGrantType, "Only the authorization code grant is supported.");
        }

        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal?.GetClaim(Claims.Subject) is not { } subject || await users.FindByIdAsync(subject) is null)
        {
            return OidcSignIn.Forbid(Errors.InvalidGrant, "The account no longer exists.");
        }

        result.Principal.SetDestinations(OidcClaims.DestinationsOf);
        return Results.SignIn(result.Principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, UserManager<ApplicationUser> users)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal?.GetClaim(Claims.Subject) is not { } subject || await users.FindByIdAsync(subject) is not { } user)
        {
            return Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The access token is no longer valid.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (result.Principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        if (result.Principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.UserName;
        }

        return Results.Ok(claims);
    }

    /// <summary>Signs the person out of VoiceAuth too, then OpenIddict sends them back to the registered address.</summary>
    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
