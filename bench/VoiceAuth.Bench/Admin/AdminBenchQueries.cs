using VoiceAuth.Portal.Cli.Seed;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Bench.Admin;

/// <summary>What an administrator asks of the console, as query variants the benchmark cycles through.</summary>
internal static class AdminBenchQueries
{
    private static readonly bool[] Directions = [false, true];
    private static readonly EnrollmentStatus?[] Statuses = [null, EnrollmentStatus.Enrolled, EnrollmentStatus.NotEnrolled, EnrollmentStatus.Locked, EnrollmentStatus.Enrolling];
    private static readonly int[] Pages = [0, 1, 4];
    private static readonly string[] SearchTerms = ["ann", "bob.s", "grace.wood1", "victor.hall12345", "zzz", "0042", "7311", "9999", "42", "5"];
    private static readonly AccountSort[] SearchSorts = [AccountSort.Email, AccountSort.LastVerification];

    /// <summary>
    /// Every sort both ways, every status filter and none, on the first pages and a few deeper ones; then the other
    /// filters (engine, failures, last verification, disabled).
    /// </summary>
    public static IReadOnlyList<AccountQuery> GridPages(DateTimeOffset now) =>
    [
        .. from sort in Enum.GetValues<AccountSort>()
           from desc in Directions
           from status in Statuses
           from page in Pages
           select new AccountQuery(null, status, sort, desc, page, 25),
        new AccountQuery(PageSize: 100),
        new AccountQuery(Sort: AccountSort.LastVerification, Descending: true, Page: 40),
        new AccountQuery(Engine: SeedPlan.SyntheticEngine),
        new AccountQuery(Engine: "voiceit"),
        new AccountQuery(MinFailures: 1),
        new AccountQuery(Sort: AccountSort.Failures, Descending: true, MinFailures: 3),
        new AccountQuery(Sort: AccountSort.LastVerification, Descending: true, LastCallAfter: now.AddDays(-1)),
        new AccountQuery(LastCallBefore: now.AddDays(-30)),
        new AccountQuery(DisabledOnly: true),
    ];

    /// <summary>E-mail prefixes (short and long, matching many or one or none) and the phone's last digits (four, or fewer).</summary>
    public static IReadOnlyList<AccountQuery> Searches() =>
    [
        .. from search in SearchTerms
           from sort in SearchSorts
           select new AccountQuery(search, null, sort),
        new AccountQuery("an", EnrollmentStatus.Enrolled),
    ];

    /// <summary>By person, by kind, by outcome, by date range, and combined; first and later pages.</summary>
    public static IReadOnlyList<AuditQuery> AuditSearches(string person, DateTimeOffset now) =>
    [
        new AuditQuery(),
        new AuditQuery(Page: 3),
        new AuditQuery(person),
        new AuditQuery(person, AuditKind.CallEnded),
        new AuditQuery(Kind: AuditKind.SignInVoice),
        new AuditQuery(Kind: AuditKind.AdminUnlock),
        new AuditQuery(Kind: AuditKind.CallEnded, Outcome: "Failed"),
        new AuditQuery(Outcome: "Error"),
        new AuditQuery(From: now.AddDays(-1), To: now),
        new AuditQuery(From: now.AddDays(-30), To: now.AddDays(-29)),
        new AuditQuery(Kind: AuditKind.CallEnded, Outcome: "NoAnswer", From: now.AddDays(-7), To: now),
        new AuditQuery(person, From: now.AddDays(-60), To: now.AddDays(-30)),
    ];
}
