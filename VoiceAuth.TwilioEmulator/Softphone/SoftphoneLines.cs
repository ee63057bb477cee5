using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Telephony.Emulator.Softphone;

/// <summary>Which number the signed-in person's softphone answers: their own verification number.</summary>
internal interface ISoftphoneLines
{
    /// <summary>The person's phone number in E.164 form, or null when they have not saved one.</summary>
    Task<string?> FindNumberAsync(ClaimsPrincipal user);
}

internal sealed class IdentitySoftphoneLines(IServiceScopeFactory scopes) : ISoftphoneLines
{
    public async Task<string?> FindNumberAsync(ClaimsPrincipal user)
    {
        // A scope of its own: the page lives as long as the circuit, a DbContext should not.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.GetUserAsync(user))?.PhoneNumber;
    }
}
