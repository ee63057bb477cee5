namespace VoiceAuth.Portal.Features.Audit;

/// <summary>
/// What a feature tells the audit log. The log adds the time, and — when there is an HTTP request — the client IP
/// and the signed-in actor; a caller outside a request (an interactive page, a webhook) passes the actor itself.
/// </summary>
/// <param name="Outcome">A short word: Succeeded, Failed, Refused, or a call's final state (Passed, NoAnswer, …).</param>
/// <param name="Application">The API client's name, or null for the portal itself.</param>
/// <param name="Detail">A few plain words (≤ 200 characters). Never audio, tokens or a full phone number.</param>
public sealed record AuditEvent(AuditKind Kind, string? SubjectUserId, string Outcome)
{
    public string? SubjectEmail { get; init; }

    public string? ActorUserId { get; init; }

    public string? ActorEmail { get; init; }

    public string? ScoreBand { get; init; }

    public string? Application { get; init; }

    public string? Detail { get; init; }
}
