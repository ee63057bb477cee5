using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>
/// Hands the key ring's certificates to OpenIddict. OpenIddict reads its options on the first request, after the
/// database has been migrated at start-up, so the keys can come from there.
/// </summary>
internal sealed class OidcServerKeys(OidcKeyRing keyRing) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        // Options are built synchronously, once per process; the key ring's queries are short.
        foreach (var certificate in keyRing.LoadAsync(OidcKey.Signing, CancellationToken.None).GetAwaiter().GetResult())
        {
            options.SigningCredentials.Add(new SigningCredentials(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSha256));
        }

        foreach (var certificate in keyRing.LoadAsync(OidcKey.Encryption, CancellationToken.None).GetAwaiter().GetResult())
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(new X509SecurityKey(certificate),
                SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}
