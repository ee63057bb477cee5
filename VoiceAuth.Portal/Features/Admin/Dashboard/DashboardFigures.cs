using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.Admin.Dashboard;

/// <summary>One day of verification calls as the chart splits them.</summary>
public sealed record VerificationDay(DateOnly Day, long Passed, long Failed, long NoAnswer, long Error);

/// <summary>
/// What the dashboard shows, over the last <see cref="Days"/> UTC days (today included). Built from
/// <see cref="CallBucket"/>s and second-attempt counts per day, so that a live update replaces only today's numbers.
/// </summary>
public sealed record DashboardFigures(
    long Accounts,
    long Enrolled,
    int Days,
    IReadOnlyList<CallBucket> Buckets,
    IReadOnlyDictionary<DateOnly, long> SecondAttemptPasses)
{
    public long NotEnrolled => Accounts - Enrolled;

    /// <summary>Verification calls per day, oldest first, every day of the window present.</summary>
    public IReadOnlyList<VerificationDay> VerificationsPerDay(DateOnly today) =>
        Enumerable.Range(0, Days).Select(i => today.AddDays(i - Days + 1)).Select(day =>
        {
            var verify = Buckets.Where(b => b.Day == day && b.Purpose == SessionPurpose.Verify).ToList();
            long Of(params SessionState[] states) => verify.Where(b => states.Contains(b.State)).Sum(b => b.Calls);
            return new VerificationDay(day, Of(SessionState.Passed), Of(SessionState.Failed),
                Of(SessionState.NoAnswer, SessionState.Busy, SessionState.Voicemail, SessionState.Declined), Of(SessionState.Error));
        }).ToList();

    /// <summary>Every call (enrollment and verification) by how it ended.</summary>
    public IReadOnlyDictionary<SessionState, long> CallsByOutcome => Buckets.GroupBy(b => b.State)
        .OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(b => b.Calls));

    /// <summary>Verification failures followed within minutes by a pass of the same person: the false-reject indicator.</summary>
    public long SecondAttempts => SecondAttemptPasses.Values.Sum();

    public long VerificationsPassed => Buckets.Where(b => b.Purpose == SessionPurpose.Verify && b.State == SessionState.Passed).Sum(b => b.Calls);

    /// <summary>Mean seconds between answering and hanging up over answered calls; null without any.</summary>
    public double? AverageSecondsOnPhone => Buckets.Sum(b => b.Answered) is > 0 and var answered ? (double)Buckets.Sum(b => b.TalkSeconds) / answered : null;

    /// <summary>These figures with the days from <paramref name="since"/> on replaced by <paramref name="recent"/>'s.</summary>
    public DashboardFigures With(DashboardFigures recent, DateOnly since) => this with
    {
        Accounts = recent.Accounts,
        Enrolled = recent.Enrolled,
        Buckets = [.. Buckets.Where(b => b.Day < since), .. recent.Buckets.Where(b => b.Day >= since)],
        SecondAttemptPasses = SecondAttemptPasses.Where(p => p.Key < since).Concat(recent.SecondAttemptPasses.Where(p => p.Key >= since))
            .ToDictionary(p => p.Key, p => p.Value),
    };
}
