using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace VoiceAuth.SampleShop;

/// <summary>
/// The shop: its password form, then a stock OpenID Connect challenge to VoiceAuth that names the person through a
/// pushed authorization request and asks for the voice context. Signed in only when VoiceAuth's ID token says the
/// voice of that same person was verified.
/// </summary>
public static class ShopApp
{
    public const string VoiceAcr = "urn:voiceauth:voice";

    /// <param name="configure">Lets tests point the shop at a portal on a random port.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var voiceAuth = builder.Configuration.GetSection("VoiceAuth").Get<VoiceAuthOptions>() ?? new();
        if (string.IsNullOrWhiteSpace(voiceAuth.Authority) || string.IsNullOrWhiteSpace(voiceAuth.ClientId) || string.IsNullOrWhiteSpace(voiceAuth.ClientSecret))
        {
            throw new InvalidOperationException("Set VoiceAuth:Authority, VoiceAuth:ClientId and VoiceAuth:ClientSecret (e.g. VoiceAuth__ClientSecret in the environment).");
        }

        builder.Services.Configure<ShopOptions>(builder.Configuration.GetSection("Shop"));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie => cookie.Cookie.Name = "SampleShop.Session")
            .AddOpenIdConnect("voiceauth", oidc => ConfigureVoiceAuth(oidc, voiceAuth, builder.Environment.IsDevelopment()));
        builder.Services.AddAntiforgery(a => a.Cookie.Name = "SampleShop.Antiforgery");

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAntiforgery();
        app.MapShopPages();
        return app;
    }

    private static void ConfigureVoiceAuth(OpenIdConnectOptions oidc, VoiceAuthOptions voiceAuth, bool development)
    {
        oidc.Authority = voiceAuth.Authority;
        oidc.ClientId = voiceAuth.ClientId;
        oidc.ClientSecret = voiceAuth.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Require;
        oidc.Scope.Add("email");
        oidc.MapInboundClaims = false;
        oidc.TokenValidationParameters.NameClaimType = "email";
        oidc.ClaimActions.Remove("acr"); // kept: the shop shows how the person was verified
        oidc.CorrelationCookie.Name = "SampleShop.Correlation.";
        oidc.NonceCookie.Name = "SampleShop.Nonce.";
        if (development)
        {
            // The portal and the shop run on plain http on a developer's machine.
            oidc.RequireHttpsMetadata = false;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        }

        oidc.Events.OnRedirectToIdentityProvider = context =>
        {
            // Pushed to VoiceAuth server to server (PAR), so nobody can swap the person in the browser.
            context.ProtocolMessage.LoginHint = context.Properties.Items[ShopPages.PasswordCheckedFor];
            context.ProtocolMessage.AcrValues = VoiceAcr;
            return Task.CompletedTask;
        };
        oidc.Events.OnTokenValidated = context =>
        {
            var principal = context.Principal!;
            var expected = context.Properties!.Items[ShopPages.PasswordCheckedFor];
            if (!string.Equals(principal.FindFirstValue("email"), expected, StringComparison.OrdinalIgnoreCase)
                || principal.FindFirstValue("acr") != VoiceAcr || !principal.HasClaim("amr", "vbm"))
            {
                context.Fail("VoiceAuth did not verify the voice of the person who gave the password.");
            }

            return Task.CompletedTask;
        };
        oidc.Events.OnAccessDenied = context =>
        {
            context.Response.Redirect("/?error=access_denied");
            context.HandleResponse();
            return Task.CompletedTask;
        };
        oidc.Events.OnRemoteFailure = context =>
        {
            var error = context.Failure?.Data["error"] as string ?? "sign_in_failed";
            context.Response.Redirect($"/?error={Uri.EscapeDataString(error)}");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>Compared as hashes in constant time (a real shop compares password hashes instead).</summary>
    internal static bool Matches(string presented, string expected) => CryptographicOperations.FixedTimeEquals(
        SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
