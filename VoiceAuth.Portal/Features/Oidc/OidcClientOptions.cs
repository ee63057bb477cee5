namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>One relying party, <c>Oidc:Clients:N</c>: registered (and updated) in OpenIddict's store at start-up.</summary>
public sealed class OidcClientOptions
{
    public string ClientId { get; set; } = "";

    /// <summary>Stored hashed by OpenIddict; only the application knows it.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The application's name as the phone says it ("VoiceAuth: sign-in to Sample Shop") and the history shows it.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Where codes may be sent, compared exactly (no wildcards, no prefixes).</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Where the end-session endpoint may send the browser back.</summary>
    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Scopes the application may ask for besides <c>openid</c>: <c>email</c>, <c>profile</c>.</summary>
    public List<string> Scopes { get; set; } = ["email", "profile"];
}
