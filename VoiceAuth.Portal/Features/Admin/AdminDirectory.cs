using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>One account as an administrator sees it: never the full phone number.</summary>
public sealed record AdminUserRow(string Id, string Email, string MaskedPhone, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);

/// <summary>Read-only queries behind the admin pages.</summary>
public sealed class AdminDirectory(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<AdminUserRow>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.Email, u.PhoneNumber, u.CreatedAt })
            .ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);

        return users
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new AdminUserRow(u.Id, u.Email ?? "", PhoneNumberValidator.Mask(u.PhoneNumber),
                rolesByUser[u.Id].Order().ToList(), u.CreatedAt))
            .ToList();
    }
}
