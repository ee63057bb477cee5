using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>
/// Which call belongs to which authorization request: the voice page follows the call with it, and the
/// authorization endpoint accepts its result only for the very request (<c>request_uri</c>) and client that started it.
/// </summary>
/// <param name="WithPassword">VoiceAuth itself checked the password (the person was signed in here), not the application.</param>
public sealed record VoiceStep(string RequestUri, string ClientId, Guid SessionId, string UserId, bool WithPassword);

/// <summary>Issues and reads tamper-proof, short-lived <see cref="VoiceStep"/> tickets.</summary>
public sealed class VoiceStepTickets(IDataProtectionProvider dataProtection)
{
    private readonly ITimeLimitedDataProtector protector = dataProtection.CreateProtector("VoiceAuth.Oidc.VoiceStep.v1").ToTimeLimitedDataProtector();

    public string Issue(VoiceStep step) => protector.Protect(JsonSerializer.Serialize(step), TimeSpan.FromMinutes(15));

    public VoiceStep? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<VoiceStep>(protector.Unprotect(ticket));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null; // forged, altered or expired
        }
    }
}
