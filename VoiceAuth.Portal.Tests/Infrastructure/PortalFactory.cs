using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Mail;

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

        // Without it a fresh host refuses calls and is unready for the second or so the first host of the process
        // spends precomputing (EngineWarmUp), which tests that call at once would race; the warm-up's tests set it true.
        ["Biometrics:Local:WarmUp"] = "false",
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

    /// <summary>A user as registration and the e-mail link leave them: confirmed unless <paramref name="emailConfirmed"/> says otherwise.</summary>
    public async Task<ApplicationUser> CreateUserAsync(string email, string password = TestPasswords.Good, string? phone = null, bool emailConfirmed = true, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, PhoneNumber = phone, EmailConfirmed = emailConfirmed };
        Check(await users.CreateAsync(user, password));
        foreach (var role in roles.Length == 0 ? [Roles.User] : roles)
        {
            Check(await users.AddToRoleAsync(user, role));
        }

        return user;
    }

    /// <summary>The development outbox: the mails the portal has sent, newest first.</summary>
    public IReadOnlyList<OutgoingMail> Mails => Services.GetRequiredService<Outbox>().Entries.Select(e => e.Mail).ToList();

    /// <summary>The links in the newest mail to <paramref name="to"/>.</summary>
    public IReadOnlyList<string> LinksMailedTo(string to) => Mails.First(m => m.To == to).Body
        .Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.StartsWith("http", StringComparison.Ordinal)).ToList();

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// The code the page that asked for a call shows (what the person reads off the screen and keys on the phone),
    /// looked up by the call's sid — for scripted handsets: <c>handset.PressDigits(portal.CodeForCall)</c>.
    /// Blocking, because handsets answer synchronously from the emulator's call thread.
    /// </summary>
    public string CodeForCall(string callSid)
    {
        for (var i = 0; i < 200; i++)
        {
            // The call can reach the Gather a moment before its sid is stored on the session.
            var code = WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
                db.Sessions.Where(s => s.CallSid == callSid).Select(s => s.CallCode))).GetAwaiter().GetResult();
            if (code is not null)
            {
                return code;
            }

            Thread.Sleep(25);
        }

        return "";
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
