using Duende.IdentityModel.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using VoiceAuth.Portal.Tests.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Oidc;

/// <summary>
/// The provider as client libraries written by others see it: Duende.IdentityModel (discovery, PAR, code exchange)
/// and Microsoft.IdentityModel's discovery reader, the one ASP.NET Core's AddOpenIdConnect uses to validate tokens.
/// </summary>
public sealed class StandardClientTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    public StandardClientTests() => OidcClients.Register(portal);

    [Fact]
    public async Task Discovery_advertises_PAR_PKCE_the_voice_acr_and_keys()
    {
        var discovery = await portal.CreateClient().GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = "http://localhost",
            Policy = { RequireHttps = false },
        });

        Assert.False(discovery.IsError, discovery.Error);
        Assert.Equal("http://localhost/connect/par", discovery.PushedAuthorizationRequestEndpoint);
        Assert.True(discovery.RequirePushedAuthorizationRequests);
        Assert.Equal(["S256"], discovery.CodeChallengeMethodsSupported);
        Assert.Contains("urn:voiceauth:voice", discovery.TryGetStringArray("acr_values_supported"));
        Assert.Equal(["code"], discovery.ResponseTypesSupported);
        Assert.NotEmpty(discovery.KeySet!.Keys);
        Assert.All(discovery.KeySet.Keys, key => Assert.Null(key.D)); // public halves only
    }

    [Fact]
    public async Task A_standard_client_pushes_a_request_and_gets_an_id_token_that_validates_against_the_published_keys()
    {
        var userId = await portal.CreateCallerAsync("std@example.com", enrolled: true);
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true)));
        var server = portal.CreateClient();
        var rp = new RelyingParty(server, portal.CreateBrowserClient(), OidcClients.Shop, OidcClients.ShopSecret, OidcClients.ShopRedirect);

        var pushed = await server.PushAuthorizationAsync(new PushedAuthorizationRequest
        {
            Address = "http://localhost/connect/par",
            ClientId = OidcClients.Shop,
            ClientSecret = OidcClients.ShopSecret,
            ResponseType = "code",
            Scope = "openid email",
            RedirectUri = OidcClients.ShopRedirect,
            CodeChallenge = rp.Challenge,
            CodeChallengeMethod = "S256",
            LoginHint = "std@example.com",
            AcrValues = "urn:voiceauth:voice",
            Nonce = "n-123",
            State = "s-123",
        });
        Assert.False(pushed.IsError, pushed.Error);
        Assert.InRange(pushed.ExpiresIn!.Value, 1, 600);

        var voice = await rp.AuthorizeAsync(pushed.RequestUri!);
        var ticket = Uri.UnescapeDataString(voice.Headers.Location!.ToString()["/connect/voice?ticket=".Length..]);
        var session = await portal.WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.UserId == userId));
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);
        var answer = RelyingParty.AnswerAt(await rp.AuthorizeAsync(pushed.RequestUri!, $"&voice_step={Uri.EscapeDataString(ticket)}"), OidcClients.ShopRedirect);
        Assert.Equal("http://localhost/", answer["iss"]); // RFC 9207: the application can tell which provider answered

        var tokens = await server.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = "http://localhost/connect/token",
            ClientId = OidcClients.Shop,
            ClientSecret = OidcClients.ShopSecret,
            Code = answer["code"],
            RedirectUri = OidcClients.ShopRedirect,
            CodeVerifier = rp.Verifier,
        });
        Assert.False(tokens.IsError, tokens.Error);

        // Validate the way ASP.NET Core's OpenID Connect handler does: keys from discovery, issuer, audience, lifetime.
        var configuration = await new ConfigurationManager<OpenIdConnectConfiguration>("http://localhost/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(server) { RequireHttps = false }).GetConfigurationAsync(CancellationToken.None);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.IdentityToken, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = OidcClients.Shop,
            IssuerSigningKeys = configuration.SigningKeys,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(userId, result.Claims["sub"]);
        Assert.Equal("n-123", result.Claims["nonce"]);
        Assert.Equal("urn:voiceauth:voice", result.Claims["acr"]);
    }

    public void Dispose() => portal.Dispose();
}
