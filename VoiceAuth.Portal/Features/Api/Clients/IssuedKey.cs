namespace VoiceAuth.Portal.Features.Api.Clients;

/// <summary>The outcome of creating or rotating a client: the new key (shown once, stored only hashed), or why not.</summary>
public sealed record IssuedKey(string? Key, string? Refusal)
{
    public static IssuedKey Refused(string why) => new(null, why);
}
