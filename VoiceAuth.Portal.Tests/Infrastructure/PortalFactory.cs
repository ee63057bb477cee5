using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>
/// The portal on a throwaway SQLite file and key folder of its own; extra settings go in <see cref="Settings"/>
/// before the first client is created.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    /// <param name="directory">Reuse another host's folder (database and keys) — a restarted portal.</param>
    public PortalFactory(string? directory = null)
    {
        Directory = directory ?? System.IO.Directory.CreateTempSubdirectory("voiceauth-test-").FullName;
    }

    /// <summary>Leave the folder behind on dispose, for a second host that plays the restarted portal.</summary>
    public bool KeepDirectory { get; set; }

    /// <summary>A private folder for this test host (database, keys).</summary>
    public string Directory { get; }

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Accounts:SeedDemoUsers"] = "false",
    };

    /// <summary>The hosting environment; Development (the emulator's default home) unless a test says otherwise.</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Service replacements (test doubles) applied after the portal's own registrations.</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services => TestServices.ForEach(configure => configure(services)));
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(Directory, "portal.db")}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(Directory, "keys"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that keeps cookies but shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<ApplicationUser> CreateUserAsync(string email, string password = TestPasswords.Good, string? phone = null, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, PhoneNumber = phone };
        Check(await users.CreateAsync(user, password));
        foreach (var role in roles.Length == 0 ? [Roles.User] : roles)
        {
            Check(await users.AddToRoleAsync(user, role));
        }

        return user;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (KeepDirectory)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a background thread; the OS temp cleaner will take it.
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public static class TestPasswords
{
    public const string Good = "Correct-Horse-9";
}
