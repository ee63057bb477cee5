using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>One page of the accounts grid: search (an e-mail prefix, or digits for the phone's end), filter, sort.</summary>
public sealed record AccountQuery(
    string? Search = null,
    EnrollmentStatus? Status = null,
    AccountSort Sort = AccountSort.Email,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25);
