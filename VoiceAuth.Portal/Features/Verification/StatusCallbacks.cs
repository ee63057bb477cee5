using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Applies Twilio's call status callbacks to the session. They arrive out of order and more than once: only a
/// callback with a higher SequenceNumber than any applied before changes anything, and a final session never
/// changes again. A call that ends while a recording is still being scored is left for the scorer to finish.
/// </summary>
public sealed class StatusCallbacks(SessionChanges changes)
{
    public Task ApplyAsync(Guid sessionId, TwilioRequest request, CancellationToken cancellationToken) =>
        changes.ApplyAsync(sessionId, c =>
        {
            var s = c.Session;
            if (request.CallSid is null || s.CallSid != request.CallSid)
            {
                // Status can beat the CreateCall response on a fast network: bind the call if the session has none yet.
                if (s.CallSid is not null || request.CallSid is null || s.IsFinal)
                {
                    return;
                }

                s.CallSid = request.CallSid;
            }

            var sequence = request.SequenceNumber ?? Rank(request.CallStatus);
            if (sequence <= s.LastStatusSequence)
            {
                return; // a duplicate, or older than what we already know
            }

            s.LastStatusSequence = sequence;
            if (s.IsFinal)
            {
                return;
            }

            switch (request.CallStatus)
            {
                case "ringing" when s.State is SessionState.Created or SessionState.Calling:
                    c.MoveTo(SessionState.Ringing);
                    break;
                case "in-progress" or "answered" when s.State < SessionState.Answered:
                    s.AnsweredAt ??= c.Now;
                    c.MoveTo(SessionState.Answered);
                    break;
                case "busy":
                    c.MoveTo(SessionState.Busy);
                    break;
                case "no-answer":
                    c.MoveTo(SessionState.NoAnswer);
                    break;
                case "canceled":
                    c.MoveTo(SessionState.Canceled);
                    break;
                case "failed":
                    s.Reason = ReasonCode.CallFailed;
                    c.MoveTo(SessionState.Error);
                    break;
                case "completed" when s.State == SessionState.Checking:
                    break; // the scorer decides; it sees the call is over from LastStatusSequence/CompletedCall
                case "completed":
                    s.Reason = ReasonCode.HungUp;
                    c.MoveTo(s.State < SessionState.Answered ? SessionState.NoAnswer : SessionState.Failed);
                    break;
            }

            if (request.CallStatus == "completed")
            {
                s.CallEnded = true;
            }
        }, cancellationToken);

    // Without SequenceNumber (not sent by every Twilio product), order by the call's life cycle.
    private static int Rank(string? status) => status switch
    {
        "queued" or "initiated" => 0,
        "ringing" => 1,
        "in-progress" or "answered" => 2,
        _ => 3,
    };
}
