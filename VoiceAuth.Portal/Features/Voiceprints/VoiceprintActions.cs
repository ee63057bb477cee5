using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Features.Voiceprints;

/// <summary>The voiceprint page's backend: reads and actions scoped to the signed-in person only.</summary>
internal sealed class VoiceprintActions(
    IDbContextFactory<AppDbContext> dbFactory,
    VerificationService verification,
    VoiceprintDeletion deletion,
    SessionNotifier notifier,
    BiometricEngines engines,
    TwilioAccount twilio,
    IHttpContextAccessor http,
    TimeProvider clock) : IVoiceprintActions
{
    public const int ConsentTextVersion = 1;

    public async Task<VoiceprintOverview> GetOverviewAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var phone = await db.Users.Where(u => u.Id == userId).Select(u => u.PhoneNumber).SingleOrDefaultAsync(cancellationToken);
        var consent = await db.VoiceConsents.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        var voiceprint = await db.Voiceprints.AsNoTracking().SingleOrDefaultAsync(v => v.UserId == userId, cancellationToken);
        var live = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && SessionStates.Live.Contains(s.State) && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        var recent = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId && !SessionStates.Live.Contains(s.State))
            .OrderByDescending(s => s.CreatedAt).Take(20).ToListAsync(cancellationToken);

        var status = voiceprint switch
        {
            { LockedUntil: { } until } when until > now => EnrollmentStatus.Locked,
            { IsComplete: true } => EnrollmentStatus.Enrolled,
            { EnrollmentCount: > 0 } => EnrollmentStatus.Enrolling,
            _ => EnrollmentStatus.NotEnrolled,
        };

        var history = recent.Select(s => new AttemptRow(s.CreatedAt, s.Purpose, s.State, ScoreBands.Describe(s.Score),
            SessionText.Describe(s.Purpose, s.State, s.Step, s.StepsNeeded, s.Reason), s.Client)).ToList();

        return new(phone, consent?.ConsentedAt, status, voiceprint?.EnrollmentCount ?? 0, engines.Active.RequiredEnrollments,
            voiceprint?.EnrolledAt, voiceprint?.Engine, engines.Active.Engine, voiceprint?.LockedUntil, live, twilio.IsEmulated, history);
    }

    public async Task RecordConsentAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.VoiceConsents.AnyAsync(c => c.UserId == userId, cancellationToken))
        {
            db.VoiceConsents.Add(new VoiceConsent { UserId = userId, ConsentedAt = clock.GetUtcNow(), TextVersion = ConsentTextVersion });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public Task<StartResult> StartAsync(string userId, SessionPurpose purpose, CancellationToken cancellationToken) =>
        // The address the page was loaded from (the circuit's), else the connection's (without one, the per-address limit is skipped).
        verification.StartAsync(userId, purpose, cancellationToken,
            requestedFrom: AuditOrigin.Current?.Ip ?? http.HttpContext?.Connection.RemoteIpAddress?.ToString());

    public Task CancelAsync(string userId, Guid sessionId, CancellationToken cancellationToken) =>
        verification.CancelAsync(userId, sessionId, cancellationToken);

    public Task<string?> DeleteAsync(string userId, CancellationToken cancellationToken) => deletion.DeleteAsync(userId, cancellationToken);

    public async Task<IReadOnlyList<SessionUpdate>> GetUpdatesAsync(string userId, Guid sessionId, int afterSequence, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (session is null)
        {
            return [];
        }

        var events = await db.SessionEvents.AsNoTracking().Where(e => e.SessionId == sessionId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return events.Select(e => SessionUpdate.From(session, e)).ToList();
    }

    public IDisposable Subscribe(Guid sessionId, Func<SessionUpdate, Task> onUpdate) => notifier.Subscribe(sessionId, onUpdate);
}
