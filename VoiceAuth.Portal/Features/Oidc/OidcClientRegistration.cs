using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>
/// Writes the configured client applications (<c>Oidc:Clients</c>) into OpenIddict's store when the portal starts:
/// new ones are created, changed ones updated (a new secret is hashed again), removed ones deleted. Applications
/// added another way (an admin console) are left alone: only those marked as coming from configuration are touched.
/// </summary>
internal sealed partial class OidcClientRegistration(IServiceProvider services, IOptions<OidcOptions> options, ILogger<OidcClientRegistration> logger)
    : IHostedService
{
    private const string SourceProperty = "voiceauth_source";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var configured = options.Value.Clients;
        foreach (var client in configured)
        {
            var descriptor = Describe(client);
            if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
        }

        await foreach (var application in applications.ListAsync(cancellationToken: cancellationToken))
        {
            var properties = await applications.GetPropertiesAsync(application, cancellationToken);
            var clientId = await applications.GetClientIdAsync(application, cancellationToken);
            if (properties.ContainsKey(SourceProperty) && !configured.Any(c => c.ClientId == clientId))
            {
                await applications.DeleteAsync(application, cancellationToken);
                LogRemoved(clientId);
            }
        }

        LogRegistered(configured.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor Describe(OidcClientOptions client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = client.DisplayName.Trim(),
            // The operator registered the application; the voice call itself is the person's approval.
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.PushedAuthorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
            },
            Requirements =
            {
                Requirements.Features.ProofKeyForCodeExchange,
                Requirements.Features.PushedAuthorizationRequests,
            },
        };
        descriptor.Properties[SourceProperty] = System.Text.Json.JsonSerializer.SerializeToElement("configuration");
        foreach (var scope in client.Scopes.Distinct())
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        foreach (var uri in client.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        foreach (var uri in client.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        return descriptor;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenID Connect: {Count} client application(s) registered from configuration.")]
    private partial void LogRegistered(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenID Connect: client {ClientId} is no longer configured and was removed.")]
    private partial void LogRemoved(string? clientId);
}
