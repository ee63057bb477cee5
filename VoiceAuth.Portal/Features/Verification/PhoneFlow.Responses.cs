using Twilio.TwiML;
using Twilio.TwiML.Voice;
using VoiceAuth.Portal.Biometrics;

namespace VoiceAuth.Portal.Features.Verification;

public sealed partial class PhoneFlow
{
    /// <summary>TwiML for what the session is waiting for now.</summary>
    private VoiceResponse Prompt(VerificationSession s)
    {
        switch (s.State)
        {
            case SessionState.Recording:
                var phrase = options.CurrentValue.Phrase;
                var response = Say(s.Reason is { } reason && reason != ReasonCode.Ok
                    ? PhonePrompts.SayAgain(reason, phrase)
                    : PhonePrompts.SayPhrase(phrase, s.Purpose, s.Step, s.StepsNeeded), hangUp: false);
                var recorded = urls.For(PhoneWebhooks.Recorded(s.Id, s.Step));
                // Recording ends after this much silence: a fluent passphrase has no such gap, and each second of it is
                // a second the caller waits. Enrollment allows a longer pause (its recordings must be good).
                var silence = s.Purpose == SessionPurpose.Enroll ? 2 : 1;
                response.Record(action: recorded, method: Twilio.Http.HttpMethod.Post, timeout: silence, finishOnKey: "#",
                    maxLength: 5, playBeep: true, trim: Record.TrimEnum.TrimSilence);
                response.Redirect(recorded, Twilio.Http.HttpMethod.Post); // Twilio heard nothing at all
                return response;
            case SessionState.Checking:
                return WaitFor(s, 0);
            case SessionState.Answered or SessionState.Calling or SessionState.Ringing or SessionState.Created:
                return AskForCode(s, PhonePrompts.Greeting(s.Purpose, s.Client, s.ForSignIn));
            default:
                return Outcome(s);
        }
    }

    /// <summary>Asks for the page's code; no key at all goes to the consent webhook too, which ends the call.</summary>
    private VoiceResponse AskForCode(VerificationSession s, string prompt)
    {
        var response = new VoiceResponse();
        var consent = urls.For(PhoneWebhooks.Consent(s.Id));
        var gather = new Gather(input: [Gather.InputEnum.Dtmf], numDigits: CallCodes.Length, timeout: 8, finishOnKey: "#",
            action: consent, method: Twilio.Http.HttpMethod.Post);
        gather.Say(prompt);
        response.Append(gather);
        response.Redirect(consent, Twilio.Http.HttpMethod.Post);
        return response;
    }

    /// <summary>The recording could not be used: ask again, unless this call has used up its retries.</summary>
    private VoiceResponse Retry(SessionChange c, ReasonCode reason)
    {
        var s = c.Session;
        s.Retries++;
        s.Reason = reason;
        if (s.Retries > options.CurrentValue.MaxRetriesPerCall)
        {
            c.MoveTo(SessionState.Failed);
            return Outcome(s);
        }

        c.MoveTo(SessionState.Recording);
        return Prompt(s);
    }

    /// <summary>
    /// Sends the call to the wait webhook, which holds until the result exists (<see cref="LongPoll"/>); the
    /// caller hears "Checking." only when the result is not there at the first try.
    /// </summary>
    private VoiceResponse WaitFor(VerificationSession s, int poll)
    {
        var response = new VoiceResponse();
        if (poll == 1)
        {
            response.Say(PhonePrompts.Checking);
        }

        response.Redirect(urls.For(PhoneWebhooks.Wait(s.Id, poll + 1)), Twilio.Http.HttpMethod.Post);
        return response;
    }

    /// <summary>What the caller hears once the session is over.</summary>
    internal static VoiceResponse Outcome(VerificationSession s) => Say(s.State switch
    {
        SessionState.Passed => s.Purpose == SessionPurpose.Enroll ? PhonePrompts.Enrolled : PhonePrompts.Verified,
        SessionState.Failed => s.Purpose == SessionPurpose.Enroll
            ? PhonePrompts.EnrollmentStopped(s.Reason ?? ReasonCode.InternalError)
            : PhonePrompts.NotVerified(s.Reason ?? ReasonCode.Mismatch),
        SessionState.Error => PhonePrompts.Unavailable,
        SessionState.Declined => PhonePrompts.Declined,
        _ => PhonePrompts.SessionOver,
    });

    private static VoiceResponse Say(string text, bool hangUp = true)
    {
        var response = new VoiceResponse();
        response.Say(text);
        if (hangUp)
        {
            response.Hangup();
        }

        return response;
    }

    private static VoiceResponse Hangup()
    {
        var response = new VoiceResponse();
        response.Hangup();
        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook named a session that belongs to another call (or none); answered with goodbye.")]
    private partial void LogForeignCall();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scoring took too long; the caller was told the service is unavailable.")]
    private partial void LogScoringTooSlow();
}
