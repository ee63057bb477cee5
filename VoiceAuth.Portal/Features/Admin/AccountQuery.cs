using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>
/// One page of the accounts grid: search (an e-mail prefix, or digits for the phone's end), filters, sort. The filters
/// beyond status: the voiceprint's engine, at least this many failures in a row, the last verification before or
/// after a time (before includes never), and disabled accounts only.
/// </summary>
public sealed record AccountQuery(
    string? Search = null,
    EnrollmentStatus? Status = null,
    AccountSort Sort = AccountSort.Email,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25,
    string? Engine = null,
    int? MinFailures = null,
    DateTimeOffset? LastCallAfter = null,
    DateTimeOffset? LastCallBefore = null,
    bool DisabledOnly = false)
{
    /// <summary>Any filter but the status: these are counted on the filtered join itself.</summary>
    public bool HasNarrowingFilter => !string.IsNullOrWhiteSpace(Search) || Engine is not null || MinFailures is not null
        || LastCallAfter is not null || LastCallBefore is not null || DisabledOnly;
}
