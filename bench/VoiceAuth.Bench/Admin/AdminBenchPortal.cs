using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VoiceAuth.Bench.Admin;

/// <summary>
/// The portal as shipped (Production, SQLite) over the benchmark's database file, hosted in-process: the benchmark
/// times the same singleton query services the admin pages call.
/// </summary>
internal sealed class AdminBenchPortal(string databaseFile) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:ConnectionString", $"Data Source={databaseFile}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(Path.GetDirectoryName(databaseFile)!, "keys"));
        builder.UseSetting("Twilio:Mode", "Emulator"); // outside Development the emulator must be asked for
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1"); // required outside Development; the benchmark sends no mail
        builder.UseSetting("Mail:LinkBaseUrl", "http://127.0.0.1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
