using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>Whether the person's number may be rung at all; every refusal is explained and logged with the number masked.</summary>
public sealed partial class CallableNumbers(PhoneNumberValidator phoneNumbers, ILogger<CallableNumbers> logger)
{
    /// <summary>
    /// The number must still pass today's rules (allowed country, personal line), must not be another account's
    /// proven number, and — for sign-in and API calls, where nobody is at the portal's own page to watch the code
    /// and the number is trusted as the second factor — must have been proven by keying a code.
    /// </summary>
    public async Task<StartResult?> RefuseAsync(AppDbContext db, ApplicationUser user, bool trusted, CancellationToken cancellationToken)
    {
        var check = phoneNumbers.Check(user.PhoneNumber);
        if (!check.IsValid)
        {
            LogNumberRefused(PhoneNumberValidator.Mask(user.PhoneNumber), "not callable");
            return StartResult.Refused(ReasonCode.InvalidNumber, $"{check.Error} Change it on your profile.");
        }

        if (await db.Users.AnyAsync(u => u.Id != user.Id && u.PhoneNumber == user.PhoneNumber && u.PhoneNumberConfirmed, cancellationToken))
        {
            LogNumberRefused(PhoneNumberValidator.Mask(user.PhoneNumber), "confirmed by another account");
            return StartResult.Refused(ReasonCode.InvalidNumber, "This phone number belongs to another VoiceAuth account. Enter your own number on your profile.");
        }

        if (!trusted && !user.PhoneNumberConfirmed)
        {
            LogNumberRefused(PhoneNumberValidator.Mask(user.PhoneNumber), "not confirmed");
            return StartResult.Refused(ReasonCode.NumberNotConfirmed,
                "This phone number has not been confirmed yet. Sign in to VoiceAuth and make a call from My voiceprint: keying the code shown there confirms it.");
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call to {Number}: {Why}.")]
    private partial void LogNumberRefused(string number, string why);
}
