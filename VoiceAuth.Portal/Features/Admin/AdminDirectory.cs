using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>One account as an administrator sees it: never the full phone number, never voice data.</summary>
public sealed record AdminUserRow(
    string Id,
    string Email,
    string MaskedPhone,
    IReadOnlyList<string> Roles,
    EnrollmentStatus Enrollment,
    int EnrollmentCount,
    string? Engine,
    DateTimeOffset? LockedUntil,
    SessionState? LastOutcome,
    DateTimeOffset? LastCallAt,
    DateTimeOffset CreatedAt);

/// <summary>Totals across the portal for the admin page's header.</summary>
public sealed record AdminSummary(int Accounts, int Enrolled, int Enrolling, int Locked, int CallsToday, int LiveCalls);

/// <summary>Read-only queries behind the admin pages, and the one admin action on voiceprints (unlock).</summary>
public sealed class AdminDirectory(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{

    public async Task<(AdminSummary Summary, IReadOnlyList<AdminUserRow> Users)> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email, u.PhoneNumber, u.CreatedAt }).ToListAsync(cancellationToken);
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.Name!);
        var voiceprints = await db.Voiceprints.AsNoTracking()
            .Select(v => new { v.UserId, v.IsComplete, v.EnrollmentCount, v.Engine, v.LockedUntil }).ToDictionaryAsync(v => v.UserId, cancellationToken);
        var since = now.AddDays(-1);
        var recent = await db.Sessions.AsNoTracking().Where(s => s.CreatedAt > since || SessionStates.Live.Contains(s.State))
            .Select(s => new { s.UserId, s.State, s.CreatedAt }).ToListAsync(cancellationToken);
        var last = (await db.Sessions.AsNoTracking().GroupBy(s => s.UserId)
            .Select(g => g.OrderByDescending(s => s.CreatedAt).Select(s => new { s.UserId, s.State, s.CreatedAt }).First())
            .ToListAsync(cancellationToken)).ToDictionary(s => s.UserId);

        var rows = users.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Select(u =>
        {
            voiceprints.TryGetValue(u.Id, out var v);
            last.TryGetValue(u.Id, out var l);
            var status = v switch
            {
                { LockedUntil: { } until } when until > now => EnrollmentStatus.Locked,
                { IsComplete: true } => EnrollmentStatus.Enrolled,
                { EnrollmentCount: > 0 } => EnrollmentStatus.Enrolling,
                _ => EnrollmentStatus.NotEnrolled,
            };
            return new AdminUserRow(u.Id, u.Email ?? "", PhoneNumberValidator.Mask(u.PhoneNumber), roles[u.Id].Order().ToList(),
                status, v?.EnrollmentCount ?? 0, v?.Engine, v?.LockedUntil, l?.State, l?.CreatedAt, u.CreatedAt);
        }).ToList();

        var summary = new AdminSummary(rows.Count, rows.Count(r => r.Enrollment == EnrollmentStatus.Enrolled),
            rows.Count(r => r.Enrollment == EnrollmentStatus.Enrolling), rows.Count(r => r.Enrollment == EnrollmentStatus.Locked),
            recent.Count(s => s.CreatedAt > since), recent.Count(s => SessionStates.Live.Contains(s.State)));
        return (summary, rows);
    }

    /// <summary>Lifts a voice-verification lockout (after the administrator has checked who is asking).</summary>
    public async Task UnlockAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WriteAsync(() => db.Voiceprints.Where(v => v.UserId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LockedUntil, (DateTimeOffset?)null).SetProperty(v => v.ConsecutiveFailures, 0), cancellationToken), cancellationToken);
    }
}
