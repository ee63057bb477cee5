using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceAuth.Portal.Biometrics;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>What a session is for.</summary>
public enum SessionPurpose
{
    Enroll,
    Verify,
}

/// <summary>
/// Where a session stands. The first group are live; the rest are final and never change again.
/// </summary>
public enum SessionState
{
    Created,
    Calling,
    Ringing,
    Answered,
    Recording,
    Checking,
    // Final:
    Passed,
    Failed,
    NoAnswer,
    Busy,
    Voicemail,
    Declined,
    Canceled,
    Error,
    Expired,
}

/// <summary>Groups of <see cref="SessionState"/> that queries need (stored as strings, so no range comparisons in SQL).</summary>
public static class SessionStates
{
    /// <summary>States of a call still under way.</summary>
    public static readonly SessionState[] Live =
        [SessionState.Created, SessionState.Calling, SessionState.Ringing, SessionState.Answered, SessionState.Recording, SessionState.Checking];
}

/// <summary>
/// One phone call, bound to one person and used once: created when the person asks for a call, finished when the
/// call ends. Every webhook for the call is checked against it (session id in the URL, CallSid in the form), and
/// the whole phone flow's position is here — not in memory — so a restarted portal continues the call.
/// </summary>
public sealed class VerificationSession
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string UserId { get; set; }

    /// <summary>The API client that asked for this call (its configured name), or null when the portal itself did.</summary>
    /// <remarks>A session serves only whoever started it: the portal's sign-in never accepts an API client's session, nor the reverse.</remarks>
    public string? Client { get; set; }

    /// <summary>
    /// The OpenID Connect client application that asked for this call (its client id), or null. <see cref="Client"/>
    /// then holds its display name, said on the phone. Only that application's sign-in can spend the session.
    /// </summary>
    public string? OidcClientId { get; set; }

    public SessionPurpose Purpose { get; set; }

    /// <summary>
    /// Asked for by the portal's own sign-in page. Only such a session can complete a sign-in, and its call says so,
    /// so that a person who is not signing in right now hangs up instead of approving a stranger who has their password.
    /// </summary>
    public bool ForSignIn { get; set; }

    public SessionState State { get; set; } = SessionState.Created;

    /// <summary>
    /// The short code the page that asked shows and the person keys on the phone before anything is recorded: it
    /// proves that whoever answers sees that page (the number is theirs, and this call is the one they asked for).
    /// </summary>
    public string? CallCode { get; set; }

    /// <summary>Codes keyed wrong in this call.</summary>
    public int CodeAttempts { get; set; }

    /// <summary>The number dialled (E.164): per-number limits count it, and keying the code confirms this number only.</summary>
    public string? CalledNumber { get; set; }

    /// <summary>The network address of the browser that asked (portal pages), for per-address limits; null for API clients.</summary>
    public string? RequestedFrom { get; set; }

    /// <summary>The recording the caller is on (1-based): "recording 2 of 3".</summary>
    public int Step { get; set; }

    /// <summary>How many recordings the flow needs in this call (enroll: those missing; verify: 1).</summary>
    public int StepsNeeded { get; set; }

    /// <summary>Recordings re-asked for quality reasons in this call.</summary>
    public int Retries { get; set; }

    /// <summary>Verification mismatches in this call.</summary>
    public int Mismatches { get; set; }

    /// <summary>Twilio's id for the one call this session may have.</summary>
    public string? CallSid { get; set; }

    /// <summary>Highest status-callback SequenceNumber applied: older or repeated callbacks are ignored.</summary>
    public int LastStatusSequence { get; set; } = -1;

    /// <summary>Twilio reported the call over (a recording may still be in scoring).</summary>
    public bool CallEnded { get; set; }

    public int? Score { get; set; }

    /// <summary>The reason behind the last result or the final outcome.</summary>
    public ReasonCode? Reason { get; set; }

    /// <summary>Number of progress events written (the next one gets this + 1).</summary>
    public int EventCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When <see cref="State"/> last changed (e.g. how long a recording has been in scoring).</summary>
    public DateTimeOffset StateChangedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? AnsweredAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When a passed verification was spent on signing in: each one opens one sign-in, once.</summary>
    public DateTimeOffset? ConsumedAt { get; set; }

    public int Version { get; set; }

    public bool IsFinal => State >= SessionState.Passed;
}

/// <summary>One step of a session's progress as the page shows it; replayed to a page that (re)connects.</summary>
public sealed class SessionEvent
{
    public long Id { get; set; }

    public Guid SessionId { get; set; }

    /// <summary>1, 2, 3, … within the session: clients apply events in this order and skip ones they have.</summary>
    public int Sequence { get; set; }

    public SessionState State { get; set; }

    public int Step { get; set; }

    public int StepsNeeded { get; set; }

    public int? Score { get; set; }

    public ReasonCode? Reason { get; set; }

    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class VerificationSessionConfiguration : IEntityTypeConfiguration<VerificationSession>, IEntityTypeConfiguration<SessionEvent>
{
    public void Configure(EntityTypeBuilder<VerificationSession> builder)
    {
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.CallSid).HasMaxLength(64);
        builder.Property(s => s.Client).HasMaxLength(64);
        builder.Property(s => s.OidcClientId).HasMaxLength(100);
        builder.Property(s => s.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.UserId, s.CreatedAt });
        builder.HasIndex(s => s.CallSid);
        builder.Property(s => s.CallCode).HasMaxLength(8);
        builder.Property(s => s.CalledNumber).HasMaxLength(16);
        builder.Property(s => s.RequestedFrom).HasMaxLength(64);
        builder.HasIndex(s => new { s.CalledNumber, s.CreatedAt });
        builder.HasIndex(s => new { s.RequestedFrom, s.CreatedAt });
        // Covers the dashboard's per-day aggregates (nothing read but the index); serves every "since" query on CreatedAt too.
        builder.HasIndex(s => new { s.CreatedAt, s.Purpose, s.State, s.AnsweredAt, s.CompletedAt });
        // The dashboard's second attempts (AdminIndexes2): failed verifications in the window read from the first,
        // each person's passed verification within 30 minutes probed on the second — both covering.
        builder.HasIndex(s => new { s.State, s.Purpose, s.CreatedAt, s.UserId });
        builder.HasIndex(s => new { s.UserId, s.Purpose, s.State, s.CreatedAt });
        builder.HasOne<Data.ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(s => s.IsFinal);
    }

    public void Configure(EntityTypeBuilder<SessionEvent> builder)
    {
        builder.HasIndex(e => new { e.SessionId, e.Sequence }).IsUnique();
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Reason).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<VerificationSession>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
