using Microsoft.AspNetCore.DataProtection;

namespace VoiceAuth.Portal.Features.SignIn;

/// <summary>
/// Lets the live progress on the voice sign-in page follow its session before the person is signed in: a short-lived,
/// tamper-proof ticket naming the session and the person the password step identified.
/// </summary>
public sealed class SignInTickets(IDataProtectionProvider dataProtection)
{
    private readonly ITimeLimitedDataProtector protector = dataProtection.CreateProtector("VoiceAuth.SignIn.v1").ToTimeLimitedDataProtector();

    public string Issue(Guid sessionId, string userId) => protector.Protect($"{sessionId:N}|{userId}", TimeSpan.FromMinutes(15));

    public (Guid SessionId, string UserId)? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(ticket).Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) ? (id, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // forged, altered or expired
        }
    }
}
