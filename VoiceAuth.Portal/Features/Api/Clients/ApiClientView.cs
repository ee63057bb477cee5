namespace VoiceAuth.Portal.Features.Api.Clients;

/// <summary>One API client as the admin console lists it: never a key, only its public id.</summary>
/// <param name="FromConfiguration">Configured in <c>Api:Clients</c>: listed, but changed only in the configuration.</param>
public sealed record ApiClientView(
    string Name,
    bool FromConfiguration,
    string? KeyHint,
    DateTimeOffset? CreatedAt,
    string? CreatedBy,
    DateTimeOffset? RotatedAt,
    string? PreviousKeyHint,
    DateTimeOffset? PreviousKeyExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy);
