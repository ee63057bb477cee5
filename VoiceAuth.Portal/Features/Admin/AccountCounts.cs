using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>
/// How many accounts match, without counting the whole people-and-voiceprints join on every page: with no search,
/// a status is counted on the voiceprints' own indexes (every voiceprint belongs to an account), and "not enrolled"
/// is everyone else. A search or another filter is counted on the filtered join as it is (a search narrows it through
/// the e-mail or phone index first; the other filters through the failures, last-call or voiceprint indexes, or a scan).
/// </summary>
internal static class AccountCounts
{
    public static async Task<int> CountAsync(AppDbContext db, IQueryable<AdminDirectory.Account> filtered, AccountQuery query, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (query.HasNarrowingFilter)
        {
            return await filtered.CountAsync(cancellationToken);
        }

        var voiceprints = db.Voiceprints.AsNoTracking();
        return query.Status switch
        {
            EnrollmentStatus.Locked => await voiceprints.CountAsync(v => v.LockedUntil > now, cancellationToken),
            EnrollmentStatus.Enrolled => await voiceprints.CountAsync(v => v.IsComplete && !(v.LockedUntil > now), cancellationToken),
            EnrollmentStatus.Enrolling => await voiceprints.CountAsync(v => !v.IsComplete && v.EnrollmentCount > 0 && !(v.LockedUntil > now), cancellationToken),
            EnrollmentStatus.NotEnrolled => await db.Users.CountAsync(cancellationToken)
                - await voiceprints.CountAsync(v => v.IsComplete || v.EnrollmentCount > 0 || v.LockedUntil > now, cancellationToken),
            _ => await db.Users.CountAsync(cancellationToken),
        };
    }
}
