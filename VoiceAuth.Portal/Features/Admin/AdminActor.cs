using System.Security.Claims;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>The administrator doing something, read from the circuit's user (there is no HTTP request to read it from).</summary>
public sealed record AdminActor(string UserId, string? Email)
{
    public static AdminActor From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An admin action needs a signed-in user."),
            user.Identity?.Name);
}
