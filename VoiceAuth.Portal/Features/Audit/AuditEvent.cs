namespace VoiceAuth.Portal.Features.Audit;

/// <summary>
/// What a feature tells the audit log. The log adds the time and, unless given, the actor and the address: from
/// the interactive page's circuit (<see cref="AuditOrigin"/>) or the HTTP request, in that order.
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

    /// <summary>The address to record, when the caller knows it better than the current request (a call's requester).</summary>
    public string? Ip { get; init; }

    /// <summary>
    /// Recorded on behalf of an earlier request, not the current one (a call ending on the carrier's webhook): the
    /// current request's address and user are not this entry's, so only what the event carries is recorded.
    /// </summary>
    public bool Detached { get; init; }
}
