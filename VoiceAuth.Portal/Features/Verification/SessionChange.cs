using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>One change to a session in progress: the loaded rows plus the progress events it will publish.</summary>
public sealed class SessionChange(AppDbContext db, VerificationSession session, TimeProvider clock)
{
    private readonly List<SessionEvent> events = [];

    public AppDbContext Db { get; } = db;

    public VerificationSession Session { get; } = session;

    /// <summary>The portal's one clock (tests move it), for every timestamp a change writes.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    internal IReadOnlyList<SessionEvent> Events => events;

    /// <summary>
    /// The change is the current request's or page's own doing (a cancel), not the carrier's or the scorer's: its
    /// audit entry names that actor and address instead of the call's requester.
    /// </summary>
    public bool ByCurrentActor { get; set; }

    /// <summary>Moves the session to <paramref name="state"/> and records the step for the page.</summary>
    public void MoveTo(SessionState state, int? score = null)
    {
        Session.State = state;
        Session.StateChangedAt = Now;
        if (score is not null)
        {
            Session.Score = score;
        }

        if (state >= SessionState.Passed)
        {
            Session.CompletedAt ??= Now;
        }

        Session.EventCount++;
        var e = new SessionEvent
        {
            SessionId = Session.Id,
            Sequence = Session.EventCount,
            State = state,
            Step = Session.Step,
            StepsNeeded = Session.StepsNeeded,
            Score = score,
            Reason = Session.Reason,
        };
        Db.SessionEvents.Add(e);
        events.Add(e);
    }
}
