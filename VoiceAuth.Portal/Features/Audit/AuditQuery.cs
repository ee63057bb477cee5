namespace VoiceAuth.Portal.Features.Audit;

/// <summary>A search of the audit trail. <paramref name="Person"/> is a user id or an e-mail address, as actor or subject.</summary>
public sealed record AuditQuery(
    string? Person = null,
    AuditKind? Kind = null,
    string? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 0,
    int PageSize = 50);
