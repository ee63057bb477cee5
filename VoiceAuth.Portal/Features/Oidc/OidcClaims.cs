using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using VoiceAuth.Portal.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>What the tokens say about the person and how they were authenticated.</summary>
internal static class OidcClaims
{
    public static ClaimsPrincipal Create(ApplicationUser user, IEnumerable<string> scopes, IReadOnlyList<string> amr, string? acr, DateTimeOffset authTime)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim(Claims.AuthenticationContextReference, acr);
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailConfirmed ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.AuthenticationTime, authTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        foreach (var method in amr)
        {
            identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, method));
        }

        identity.SetScopes(scopes);
        identity.SetDestinations(DestinationsOf);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The person's details only under the scopes that ask for them; how they signed in always goes in the ID token.</summary>
    public static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Email or Claims.EmailVerified when claim.Subject!.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Name when claim.Subject!.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.AuthenticationContextReference or Claims.AuthenticationMethodReference or Claims.AuthenticationTime => [Destinations.IdentityToken],
        _ => [],
    };
}
