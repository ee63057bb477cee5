namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>
/// Section <c>Oidc</c>: VoiceAuth as an OpenID Connect provider (see docs/oidc.md). Client applications are
/// registered here; their secrets belong in user-secrets or environment variables (<c>Oidc__Clients__0__ClientSecret</c>).
/// With no clients configured the provider still publishes its discovery document but accepts no sign-in.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Oidc";

    public List<OidcClientOptions> Clients { get; set; } = [];

    /// <summary>
    /// How long a pushed authorization request (its <c>request_uri</c>) stays usable, in seconds. It must outlive a
    /// call (ringing, answering, saying the passphrase) but RFC 9126 wants it short: default 600.
    /// </summary>
    public int RequestLifetimeSeconds { get; set; } = 600;

    /// <summary>Signing and encryption keys are replaced after this many days (the old ones stay published until they expire).</summary>
    public int KeyRotationDays { get; set; } = 90;
}
