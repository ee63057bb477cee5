using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VoiceAuth.Portal.Features.Oidc;

internal static class OidcExtensions
{
    /// <summary>VoiceAuth as an OpenID Connect provider on OpenIddict (see docs/oidc.md).</summary>
    public static WebApplicationBuilder AddOidcProvider(this WebApplicationBuilder builder)
    {
        var apiNames = builder.Configuration.GetSection("Api:Clients").GetChildren().Select(c => c["Name"] ?? "").Where(n => n.Length > 0).ToList();
        var oidc = builder.AddValidatedOptions(OidcOptions.Section, new OidcOptionsValidator(apiNames));
        var development = builder.Environment.IsDevelopment();

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AppDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(VoiceAuthOidc.AuthorizationPath[1..])
                    .SetPushedAuthorizationEndpointUris(VoiceAuthOidc.PushedAuthorizationPath[1..])
                    .SetTokenEndpointUris(VoiceAuthOidc.TokenPath[1..])
                    .SetUserInfoEndpointUris(VoiceAuthOidc.UserInfoPath[1..])
                    .SetEndSessionEndpointUris(VoiceAuthOidc.EndSessionPath[1..]);
                server.AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    // Every authorization request is pushed server to server: what the application says (login_hint above
                    // all) cannot be changed in the browser, and parameters added there are ignored.
                    .RequirePushedAuthorizationRequests();
                server.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                server.RegisterClaims(Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.Name,
                    Claims.AuthenticationContextReference, Claims.AuthenticationMethodReference, Claims.AuthenticationTime);
                server.Configure(options =>
                {
                    options.RequestTokenLifetime = TimeSpan.FromSeconds(oidc.RequestLifetimeSeconds);
                    // "plain" PKCE protects nothing once the request is seen; only S256 is offered.
                    options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
                });
                server.AddEventHandler<OpenIddict.Server.OpenIddictServerEvents.HandleConfigurationRequestContext>(handler =>
                    handler.UseInlineHandler(context =>
                    {
                        context.Metadata[Metadata.AcrValuesSupported] = System.Text.Json.JsonSerializer.SerializeToElement(new[] { VoiceAuthOidc.VoiceAcr });
                        return default;
                    }));

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (development)
                {
                    // The portal and the sample run on plain http on a developer's machine; production requires TLS.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        builder.Services.AddSingleton<OidcKeyRing>();
        builder.Services.ConfigureOptions<OidcServerKeys>();
        builder.Services.AddHostedService<OidcClientRegistration>();
        builder.Services.AddSingleton<VoiceStepTickets>();
        builder.Services.AddScoped<OidcSignIn>();
        return builder;
    }

    public static WebApplication MapOidcProvider(this WebApplication app)
    {
        app.MapOidcEndpoints();
        return app;
    }
}
