using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using Task = System.Threading.Tasks.Task;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// The call itself, one webhook at a time: answer → key the code the page shows → say the passphrase (×3 to enroll, ×1 to verify,
/// bad recordings re-asked) → result → goodbye. Every answer is computed from the stored session, so repeated
/// webhooks give the same TwiML and a restarted portal carries on where the last one stopped. Slow work
/// (download, scoring) happens in <see cref="RecordingProcessor"/>; the call waits with short pauses.
/// </summary>
public sealed partial class PhoneFlow(
    SessionChanges changes,
    SessionNotifier notifier,
    IDbContextFactory<AppDbContext> dbFactory,
    RecordingSignal queue,
    WebhookUrls urls,
    IOptionsMonitor<VerificationOptions> options,
    TimeProvider clock,
    ILogger<PhoneFlow> logger)
{
    /// <summary>How long a caller may wait for a recording's result before being told the service is unavailable.</summary>
    public static readonly TimeSpan MaxScoringWait = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long one wait webhook holds for the result before answering "still checking". The caller hears the
    /// result the moment it exists instead of after a whole-second &lt;Pause&gt;; Twilio allows 15 s per webhook.
    /// </summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(1.5);

    public Task<VoiceResponse> AnswerAsync(Guid sessionId, TwilioRequest request, CancellationToken cancellationToken) =>
        OnLiveSession(sessionId, request, c =>
        {
            if (request.AnsweredBy is { } by && (by.StartsWith("machine", StringComparison.Ordinal) || by == "fax"))
            {
                // A machine answered: record nothing, leave nothing behind, and end the call.
                c.MoveTo(SessionState.Voicemail);
                return Hangup();
            }

            if (c.Session.State < SessionState.Answered)
            {
                c.Session.AnsweredAt = clock.GetUtcNow();
                c.MoveTo(SessionState.Answered);
            }

            return AskForCode(c.Session, PhonePrompts.Greeting(c.Session.Purpose, c.Session.Client, c.Session.ForSignIn));
        }, cancellationToken);

    public Task<VoiceResponse> RecordedAsync(Guid sessionId, int step, TwilioRequest request, CancellationToken cancellationToken) =>
        OnLiveSession(sessionId, request, async c =>
        {
            var s = c.Session;
            if (s.State != SessionState.Recording || s.Step != step)
            {
                return s.State == SessionState.Checking ? WaitFor(s, 0) : Prompt(s); // duplicate or stale
            }

            if (request.RecordingSid is null || request.RecordingDuration is 0)
            {
                // Silence: Twilio made no usable recording. Ask again (it is not a failed attempt).
                return Retry(c, ReasonCode.NoSpeech);
            }

            c.Db.Recordings.Add(new CallRecording
            {
                SessionId = s.Id,
                Step = step,
                RecordingSid = request.RecordingSid,
                RecordingUrl = request.RecordingUrl ?? "",
            });
            s.Reason = null;
            c.MoveTo(SessionState.Checking);
            await Task.CompletedTask;
            return WaitFor(s, 0);
        }, cancellationToken, afterCommit: () => queue.Signal());

    public async Task<VoiceResponse> WaitAsync(Guid sessionId, int poll, TwilioRequest request, CancellationToken cancellationToken)
    {
        await WhileCheckingAsync(sessionId, cancellationToken);
        return await OnLiveSession(sessionId, request, c =>
        {
            if (c.Session.State != SessionState.Checking)
            {
                return Prompt(c.Session);
            }

            // Measured in time, not in polls: each poll's pause is a second with Twilio but may be less elsewhere.
            if (clock.GetUtcNow() - c.Session.StateChangedAt < MaxScoringWait)
            {
                return WaitFor(c.Session, poll);
            }

            LogScoringTooSlow();
            c.Session.Reason = ReasonCode.ServiceUnavailable;
            c.MoveTo(SessionState.Error);
            return Say(PhonePrompts.Unavailable);
        }, cancellationToken);
    }

    /// <summary>Holds (up to <see cref="LongPoll"/>) while the session's recording is being scored.</summary>
    private async Task WhileCheckingAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        using var changed = new SemaphoreSlim(0);
        using var subscription = notifier.Subscribe(sessionId, _ =>
        {
            changed.Release();
            return Task.CompletedTask;
        });
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var state = await db.Sessions.Where(s => s.Id == sessionId).Select(s => (SessionState?)s.State).SingleOrDefaultAsync(cancellationToken);
            if (state != SessionState.Checking)
            {
                return;
            }
        }

        await changed.WaitAsync(LongPoll, cancellationToken);
    }

    /// <summary>
    /// Runs a webhook against its session: the session must exist, be bound to this very call, and not be over
    /// (a final or expired session only ever gets a polite goodbye).
    /// </summary>
    private async Task<VoiceResponse> OnLiveSession(Guid sessionId, TwilioRequest request, Func<SessionChange, Task<VoiceResponse>> step,
        CancellationToken cancellationToken, Action? afterCommit = null)
    {
        var response = await changes.ApplyAsync(sessionId, async c =>
        {
            if (request.CallSid is null || c.Session.CallSid != request.CallSid)
            {
                LogForeignCall();
                return Say(PhonePrompts.SessionOver);
            }

            if (c.Session.IsFinal)
            {
                return Outcome(c.Session);
            }

            if (c.Session.ExpiresAt <= clock.GetUtcNow())
            {
                c.MoveTo(SessionState.Expired);
                return Say(PhonePrompts.SessionOver);
            }

            return await step(c);
        }, Say(PhonePrompts.SessionOver), cancellationToken);

        afterCommit?.Invoke();
        return response;
    }

    private Task<VoiceResponse> OnLiveSession(Guid sessionId, TwilioRequest request, Func<SessionChange, VoiceResponse> step, CancellationToken cancellationToken) =>
        OnLiveSession(sessionId, request, c => Task.FromResult(step(c)), cancellationToken);
}
