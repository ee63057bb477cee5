using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Capacity;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Telemetry;
using VoiceAuth.Portal.Telephony;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>The answer to "call me": the session to follow and the code to show, or why there is no call.</summary>
/// <param name="Code">What the person keys on the phone before anything is recorded: show it to whoever asked.</param>
public sealed record StartResult(Guid? SessionId, ReasonCode? Refusal, string? Message, string? Code = null)
{
    /// <summary>Set when the portal is at capacity: when asking again may succeed.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static StartResult Refused(ReasonCode reason, string message) => new(null, reason, message);
}

/// <summary>
/// Starts verification calls: checks that the person may be called now (phone, voiceprint, lockout, rate limits,
/// one live call at a time), creates the one-time session, and asks the carrier to call.
/// </summary>
public sealed partial class VerificationService(
    IDbContextFactory<AppDbContext> dbFactory,
    SessionChanges changes,
    ITelephony telephony,
    BiometricEngines engines,
    CallLimits limits,
    CallReconciler reconciler,
    CallableNumbers numbers,
    IOptionsMonitor<VerificationOptions> options,
    TimeProvider clock,
    IAuditLog audit,
    ILogger<VerificationService> logger)
{
    private readonly PersonGate gate = new();

    /// <param name="client">The API client asking (its configured name), or null for the portal's own pages.</param>
    /// <param name="forSignIn">Asked for by the portal's sign-in page (see <see cref="VerificationSession.ForSignIn"/>).</param>
    /// <param name="oidcClientId">Asked for by an OpenID Connect client (see <see cref="VerificationSession.OidcClientId"/>);
    /// <paramref name="client"/> is then its display name.</param>
    /// <param name="requestedFrom">The asking browser's network address (portal pages), for the per-address limit.</param>
    public async Task<StartResult> StartAsync(string userId, SessionPurpose purpose, CancellationToken cancellationToken, string? client = null,
        bool forSignIn = false, string? requestedFrom = null, string? oidcClientId = null)
    {
        // The same person's requests one after another here (PersonGate): a second tab shares the first one's call.
        using var turn = await gate.EnterAsync(userId, cancellationToken);

        // A lost race for the person's call slot means another request (on another instance) has just created a session: look again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var started = await TryStartAsync(userId, purpose, client, forSignIn, requestedFrom, oidcClientId, cancellationToken);
                VoiceAuthTelemetry.Requested(purpose.ToString(), started.RetryAfter is not null ? "Busy" : started.Refusal?.ToString() ?? "started");
                return started;
            }
            catch (DbUpdateException) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
            {
                LogSlotContended(attempt);
            }
        }
    }

    private async Task<StartResult> TryStartAsync(string userId, SessionPurpose purpose, string? client, bool forSignIn, string? requestedFrom,
        string? oidcClientId, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var now = clock.GetUtcNow();
        Guid sessionId;
        string phone;
        string code;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user is { EmailConfirmed: false })
            {
                // Until the address is proven, the account may be someone else's name on a stranger's phone.
                return StartResult.Refused(ReasonCode.EmailNotConfirmed, "Confirm your e-mail address first: open the link we sent you (your profile can send it again).");
            }

            if (user?.PhoneNumber is null)
            {
                return StartResult.Refused(ReasonCode.InvalidNumber, "Add your mobile number on your profile first.");
            }

            phone = user.PhoneNumber;
            var voiceprint = await db.Voiceprints.AsNoTracking().SingleOrDefaultAsync(v => v.UserId == userId, cancellationToken);
            if (Refuse(purpose, voiceprint, now) is { } refusal)
            {
                return refusal;
            }

            if (purpose == SessionPurpose.Enroll && !await db.VoiceConsents.AnyAsync(c => c.UserId == userId, cancellationToken))
            {
                return StartResult.Refused(ReasonCode.NotEnrolled, "Give your consent to voice biometrics first.");
            }

            if (await numbers.RefuseAsync(db, user, trusted: client is null && !forSignIn, cancellationToken) is { } badNumber)
            {
                return badNumber;
            }

            // One live call per person: asking again returns the call already under way instead of paying for another.
            var slot = await db.CallSlots.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
            var live = await db.Sessions.AsNoTracking()
                .Where(s => s.UserId == userId && SessionStates.Live.Contains(s.State) && s.ExpiresAt > now)
                .OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            if (live is { CallSid: { } liveCall } && now - live.StateChangedAt > CallReconciler.QuietBeforeAsking
                && await reconciler.ReconcileAsync(live.Id, liveCall, cancellationToken))
            {
                live = null; // its call had ended at the carrier without telling us: the person may be called again
            }

            if (live is not null)
            {
                // Shared only with whoever started it: another app (or the portal) learns that the line is busy, nothing more.
                // Never shared between two OpenID Connect requests: a pass answers the one request that placed the call.
                return oidcClientId is null && live.Client == client && live.ForSignIn == forSignIn && live.OidcClientId is null
                    ? new(live.Id, null, null, live.CallCode)
                    : StartResult.Refused(ReasonCode.CallUnderWay, "A call to this person is already under way. Try again when it is over.");
            }

            if (await limits.CheckCapacityAsync(cancellationToken, userId) is { } busy)
            {
                return busy;
            }

            if (await limits.CheckAsync(db, userId, phone, requestedFrom, cancellationToken) is { } limited)
            {
                return limited;
            }

            var session = new VerificationSession
            {
                UserId = userId,
                Client = client,
                ForSignIn = forSignIn,
                OidcClientId = oidcClientId,
                Purpose = purpose,
                State = SessionState.Created,
                CallCode = CallCodes.Next(),
                CalledNumber = phone,
                RequestedFrom = requestedFrom,
                Step = purpose == SessionPurpose.Enroll ? (voiceprint?.EnrollmentCount ?? 0) + 1 : 1,
                StepsNeeded = purpose == SessionPurpose.Enroll ? engines.Active.RequiredEnrollments : 1,
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(o.SessionMinutes),
            };
            db.Sessions.Add(session);
            // The accounts grid's "last verification", committed with the session (a concurrent profile edit retries the start).
            (db.Users.Local.FirstOrDefault(u => u.Id == userId) ?? db.Users.Attach(user).Entity).LastCallAt = now;
            if (slot is null)
            {
                db.CallSlots.Add(new CallSlot { UserId = userId, SessionId = session.Id });
            }
            else
            {
                (slot.SessionId, slot.Stamp) = (session.Id, Guid.NewGuid());
            }

            audit.Add(db, new AuditEvent(AuditKind.CallStarted, userId, "Started") { SubjectEmail = user.Email, Application = client, Detail = $"{purpose}{(forSignIn ? " for sign-in" : "")}" });
            // Session, claim and audit entry commit together: a concurrent claim fails here (key or stamp) and nothing is written.
            await db.SaveChangesAsync(cancellationToken);
            sessionId = session.Id;
            code = session.CallCode!;
        }

        using var span = VoiceAuthTelemetry.StartInSession("voiceauth.call.place", sessionId)?.SetTag("voiceauth.purpose", purpose.ToString());
        await changes.ApplyAsync(sessionId, c => c.MoveTo(SessionState.Calling), cancellationToken);
        var placement = await telephony.PlaceCallAsync(sessionId, phone, cancellationToken);
        await changes.ApplyAsync(sessionId, c =>
        {
            if (placement.CallSid is not null)
            {
                c.Session.CallSid = placement.CallSid;
                return;
            }

            c.Session.Reason = placement.Error switch
            {
                CallPlacementError.InvalidNumber or CallPlacementError.NotPermitted => ReasonCode.InvalidNumber,
                CallPlacementError.RateLimited => ReasonCode.RateLimited,
                _ => ReasonCode.CallFailed,
            };
            c.MoveTo(SessionState.Error);
        }, cancellationToken);

        VoiceAuthTelemetry.CallPlaced(purpose.ToString(), placement.Error?.ToString() ?? "placed");
        LogStarted(sessionId, purpose, placement.CallSid is not null);
        return new(sessionId, null, null, code);
    }

    /// <summary>Cancels a live session of this person (and hangs up its call).</summary>
    public async Task CancelAsync(string userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var callSid = await changes.ApplyAsync(sessionId, c =>
        {
            if (c.Session.UserId != userId || c.Session.IsFinal)
            {
                return Task.FromResult<string?>(null);
            }

            c.MoveTo(SessionState.Canceled);
            c.ByCurrentActor = true; // whoever cancels (the person, the application) is recorded, from where they did
            return Task.FromResult(c.Session.CallSid);
        }, null, cancellationToken);

        if (callSid is not null)
        {
            await telephony.HangUpAsync(callSid, cancellationToken);
        }
    }

    private StartResult? Refuse(SessionPurpose purpose, Voiceprint? voiceprint, DateTimeOffset now)
    {
        if (voiceprint?.LockedUntil > now)
        {
            return StartResult.Refused(ReasonCode.Locked,
                $"Voice verification is locked after too many failed attempts. Try again after {voiceprint.LockedUntil:HH:mm} UTC.");
        }

        if (purpose == SessionPurpose.Verify)
        {
            if (voiceprint is not { IsComplete: true })
            {
                return StartResult.Refused(ReasonCode.NotEnrolled, "Enroll your voice first.");
            }

            if (voiceprint.Engine != engines.Active.Engine)
            {
                return StartResult.Refused(ReasonCode.EngineMismatch,
                    "Your voiceprint was made by a different voice engine than the one now in use. Enroll again.");
            }
        }
        else if (voiceprint is { IsComplete: true })
        {
            return StartResult.Refused(ReasonCode.InconsistentEnrollment, "You are already enrolled. Delete your voiceprint to enroll again.");
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Purpose} session {SessionId} (call placed: {Placed}).")]
    private partial void LogStarted(Guid sessionId, SessionPurpose purpose, bool placed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Two requests for one person's call at once (attempt {Attempt}); looking again.")]
    private partial void LogSlotContended(int attempt);
}
