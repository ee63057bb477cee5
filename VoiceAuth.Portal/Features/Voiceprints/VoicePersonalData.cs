using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Features.Voiceprints;

/// <summary>
/// The voice part of a person's data download: consent, the voiceprint's facts and the call history. Not the
/// voiceprint itself — encrypted engine state is meaningless outside the engine and not the person's words.
/// </summary>
internal sealed class VoicePersonalData(IDbContextFactory<AppDbContext> dbFactory) : IPersonalDataSource
{
    public string Name => "Voice";

    public async Task<object?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var consent = await db.VoiceConsents.AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new { c.ConsentedAt, c.TextVersion }).SingleOrDefaultAsync(cancellationToken);
        var voiceprint = await db.Voiceprints.AsNoTracking().Where(v => v.UserId == userId)
            .Select(v => new { v.Engine, v.EnrollmentCount, v.IsComplete, v.CreatedAt, v.EnrolledAt, v.LockedUntil })
            .SingleOrDefaultAsync(cancellationToken);
        var calls = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Select(s => new { s.CreatedAt, Purpose = s.Purpose.ToString(), Outcome = s.State.ToString(), Reason = s.Reason.ToString(), s.Score, RequestedBy = s.Client ?? "VoiceAuth",
                s.CalledNumber, s.RequestedFrom })
            .ToListAsync(cancellationToken);
        return new { Consent = consent, Voiceprint = voiceprint, Calls = calls };
    }
}
