using Microsoft.EntityFrameworkCore;
using Twilio.TwiML;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>The code step: the person keys what the asking page shows before anything is recorded.</summary>
public sealed partial class PhoneFlow
{
    /// <summary>
    /// The keyed code: right, and recording starts (and the number called is now proven to be the person's); wrong,
    /// and the caller may try once more; nothing keyed, or wrong again, and the call ends with nothing recorded.
    /// </summary>
    public Task<VoiceResponse> ConsentAsync(Guid sessionId, TwilioRequest request, CancellationToken cancellationToken) =>
        OnLiveSession(sessionId, request, async c =>
        {
            var s = c.Session;
            if (s.State >= SessionState.Recording)
            {
                return Prompt(s); // a repeated webhook: say what the session is waiting for
            }

            if (request.Digits is null)
            {
                s.Reason = null;
                c.MoveTo(SessionState.Declined);
                return Say(PhonePrompts.NoKey);
            }

            if (!CallCodes.Matches(s.CallCode, request.Digits))
            {
                s.CodeAttempts++;
                LogWrongCode(s.CodeAttempts);
                if (s.CodeAttempts < CallCodes.MaxAttempts)
                {
                    return AskForCode(s, PhonePrompts.WrongCodeAgain);
                }

                s.Reason = ReasonCode.WrongCode;
                c.MoveTo(SessionState.Declined);
                return Say(PhonePrompts.WrongCode);
            }

            await ConfirmNumberAsync(c);
            c.MoveTo(SessionState.Recording);
            return Prompt(s);
        }, cancellationToken);

    /// <summary>
    /// Keying the code proves the person at the asking page holds the phone that was called: that number is now
    /// confirmed for them — if it is still their number, and no other account has proven it first (one account per
    /// number; the database's unique index has the last word). A changed number is unconfirmed again (AccountService).
    /// </summary>
    private static async Task ConfirmNumberAsync(SessionChange c)
    {
        var number = c.Session.CalledNumber;
        var user = await c.Db.Users.SingleOrDefaultAsync(u => u.Id == c.Session.UserId);
        if (number is null || user is null || user.PhoneNumberConfirmed || user.PhoneNumber != number
            || await c.Db.Users.AnyAsync(u => u.Id != user.Id && u.PhoneNumber == number && u.PhoneNumberConfirmed))
        {
            return;
        }

        user.PhoneNumberConfirmed = true;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A caller keyed a wrong code (try {Attempt}).")]
    private partial void LogWrongCode(int attempt);
}
