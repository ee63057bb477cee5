using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// Creates the roles, the configured first administrator and — in Development only — the documented demo
/// accounts. Runs at start-up after migrations; every step is idempotent.
/// </summary>
internal sealed class AccountSeeder(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<AdminOptions> admin,
    IOptions<AccountsOptions> accounts,
    IHostEnvironment environment,
    ILogger<AccountSeeder> logger)
{
    /// <summary>Demo accounts for a newcomer's first click-through; documented in README.md.</summary>
    public static readonly IReadOnlyList<(string Email, string Password, string Phone, string Role)> DemoUsers =
    [
        ("demo@voiceauth.local", "Demo!Voice1", "+12015550123", Roles.User),
        ("admin@voiceauth.local", "Admin!Voice1", "+12015550124", Roles.Admin),
    ];

    public async Task SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (!string.IsNullOrWhiteSpace(admin.Value.Email))
        {
            await EnsureUserAsync(admin.Value.Email, admin.Value.Password, phone: null, Roles.Admin, "Admin:Password");
        }

        if (accounts.Value.SeedDemoUsers && environment.IsDevelopment())
        {
            foreach (var (email, password, phone, role) in DemoUsers)
            {
                await EnsureUserAsync(email, password, phone, role, passwordKey: null);
            }
        }
    }

    private async Task EnsureUserAsync(string email, string? password, string? phone, string role, string? passwordKey)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if (string.IsNullOrEmpty(password))
            {
                throw new InvalidOperationException(
                    $"{passwordKey} is required to create the administrator account {email}: set it with user-secrets or an environment variable.");
            }

            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, PhoneNumber = phone };
            Check(await users.CreateAsync(user, password), $"create the account {email} (check {passwordKey ?? "the demo password"})");
            logger.LogInformation("Created the {Role} account configured at start-up.", role);
        }

        // An administrator is also a user: both roles, so user pages never need a special case.
        foreach (var needed in role == Roles.Admin ? Roles.All : [Roles.User])
        {
            if (!await users.IsInRoleAsync(user, needed))
            {
                Check(await users.AddToRoleAsync(user, needed), $"add {email} to role {needed}");
            }
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
