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
        var voiceprints = db.Voiceprints.AsNoTracking();
        var onVoiceprints = query.Engine is not null || query.MinFailures is not null;
        if (onVoiceprints && string.IsNullOrWhiteSpace(query.Search) && query is { LastCallAfter: null, LastCallBefore: null, DisabledOnly: false })
        {
            // Only voiceprint filters: everyone they match has a voiceprint, so count voiceprints alone.
            if (query.Engine is { } engine)
            {
                voiceprints = voiceprints.Where(v => v.Engine == engine);
            }

            if (query.MinFailures is { } failures)
            {
                voiceprints = voiceprints.Where(v => v.ConsecutiveFailures >= failures);
            }
        }
        else if (query.HasNarrowingFilter)
        {
            return await filtered.CountAsync(cancellationToken);
        }

        return query.Status switch
        {
            EnrollmentStatus.Locked => await voiceprints.CountAsync(v => v.LockedUntil > now, cancellationToken),
            EnrollmentStatus.Enrolled => await voiceprints.CountAsync(v => v.IsComplete && !(v.LockedUntil > now), cancellationToken),
            EnrollmentStatus.Enrolling => await voiceprints.CountAsync(v => !v.IsComplete && v.EnrollmentCount > 0 && !(v.LockedUntil > now), cancellationToken),
            EnrollmentStatus.NotEnrolled when onVoiceprints => await voiceprints.CountAsync(v => !v.IsComplete && v.EnrollmentCount == 0 && !(v.LockedUntil > now), cancellationToken),
            EnrollmentStatus.NotEnrolled => await db.Users.CountAsync(cancellationToken)
                - await voiceprints.CountAsync(v => v.IsComplete || v.EnrollmentCount > 0 || v.LockedUntil > now, cancellationToken),
            _ when onVoiceprints => await voiceprints.CountAsync(cancellationToken),
            _ => await db.Users.CountAsync(cancellationToken),
        };
    }
}
