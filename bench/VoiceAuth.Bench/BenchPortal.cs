using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAuth.Emulator;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Telephony.Twilio;

namespace VoiceAuth.Bench;

/// <summary>
/// The portal as shipped (Production environment, SQLite, built-in engine, built-in emulator) on a real Kestrel
/// socket on loopback: the emulator's webhooks and the SignalR clients go over TCP like in a deployment.
/// Only the per-person call limits are lifted (the benchmark is many calls by few people).
/// With <c>--instances 2</c> a second portal (its own host: services, connection pool, scoring worker, admission,
/// Kestrel socket) shares the first one's database file and a Redis; both place their calls with the first one's
/// emulator, as two instances share one Twilio account, so any instance may score any call's recordings.
/// </summary>
internal sealed class BenchPortal : WebApplicationFactory<Program>
{
    private readonly string directory;

    private readonly double timeScale;

    private readonly BenchPortal? carrier;

    private readonly string? redis;

    /// <param name="carrier">Null: this portal's own emulator is "Twilio". Otherwise the portal whose emulator is, and whose database this one shares.</param>
    /// <param name="redis">Redis:ConnectionString, for several instances.</param>
    public BenchPortal(double timeScale, BenchPortal? carrier = null, string? redis = null)
    {
        this.timeScale = timeScale;
        this.carrier = carrier;
        this.redis = redis;
        directory = carrier?.directory ?? Directory.CreateTempSubdirectory("voiceauth-bench-").FullName;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>"Twilio": the emulator every instance places its calls with.</summary>
    internal TwilioEmulator Emulator => carrier?.Emulator ?? Services.GetRequiredService<TwilioEmulator>();

    public BenchPortal Started()
    {
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(directory, "bench.db")}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(directory, "keys"));
        builder.UseSetting("Verification:CallsPerWindow", "10000");
        builder.UseSetting("Verification:CallsPerDay", "100000");
        builder.UseSetting("Verification:MaxActiveCalls", "100000");
        builder.UseSetting("Verification:CallsPerHour", "1000000");
        builder.UseSetting("Twilio:Mode", "Emulator"); // outside Development the emulator must be asked for
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1"); // required outside Development; the benchmark sends no mail
        builder.UseSetting("Mail:LinkBaseUrl", "http://127.0.0.1");
        builder.UseSetting("Twilio:Emulator:ScriptedTimeScale", timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        if (redis is not null)
        {
            builder.UseSetting("Redis:ConnectionString", redis);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ServerTimings>();
            if (carrier is not null)
            {
                // One Twilio account for all instances: the first portal's emulator places the calls, signs the
                // webhooks (to whichever instance asked for the call) and serves the recordings to any instance.
                services.AddSingleton(carrier.Services.GetRequiredService<TwilioAccount>());
                services.AddHttpClient(TwilioTelephony.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => carrier.Emulator.CreateApiHandler());
            }
        });
    }

    /// <summary>Creates a person with a phone and consent, and the session cookie a signed-in browser would hold.</summary>
    public async Task<(string UserId, string Phone, string Cookie)> CreatePersonAsync(int n)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var phone = $"+1201{5550000 + n:D7}";
        // Confirmed, as the e-mail link would leave it: VoiceAuth calls no one at an unconfirmed address.
        var user = new ApplicationUser { UserName = $"caller{n}@bench.local", Email = $"caller{n}@bench.local", EmailConfirmed = true, PhoneNumber = phone };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.VoiceConsents.Add(new VoiceConsent { UserId = user.Id, TextVersion = 1 });
        await db.SaveChangesAsync();

        // The cookie sign-in would set, minted directly: hashing 500 passwords would only benchmark PBKDF2.
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>().CreateUserPrincipalAsync(user);
        var cookies = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties(), IdentityConstants.ApplicationScheme);
        return (user.Id, phone, $"{cookies.Cookie.Name}={cookies.TicketDataFormat.Protect(ticket)}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (carrier is not null)
        {
            return; // the first portal owns the directory
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
