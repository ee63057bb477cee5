using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>
/// <c>seed --users N --sessions N [--days 90] [--random-seed 12]</c>: made-up accounts and calls in the configured
/// SQLite database, for trying and measuring the admin console at scale. Development only: anywhere else it
/// refuses before opening the database (it would mix fake people into a real trail).
/// </summary>
internal static class SeedCommand
{
    public const int Refused = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        SeedPlan plan;
        string[] hostArgs;
        try
        {
            (plan, hostArgs) = SeedPlan.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"seed: {e.Message}");
            Console.Error.WriteLine(SeedPlan.Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(hostArgs);
        builder.AddOperatorSettings();
        if (!builder.Environment.IsDevelopment())
        {
            Console.Error.WriteLine($"seed: refused in the {builder.Environment.EnvironmentName} environment. It writes made-up accounts and calls, and runs only in Development (ASPNETCORE_ENVIRONMENT=Development).");
            return Refused;
        }

        builder.AddData();
        await using var app = builder.Build();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        if (!db.Database.IsSqlite())
        {
            Console.Error.WriteLine("seed: refused: it writes to SQLite only (Database:Provider is not Sqlite).");
            return Refused;
        }

        await db.Database.MigrateAsync();
        await db.Database.OpenConnectionAsync(); // through EF Core, so the portal's pragmas (WAL) apply
        try
        {
            var summary = DemoDataSeeder.Seed((SqliteConnection)db.Database.GetDbConnection(), plan, DateTimeOffset.UtcNow, Console.Out);
            Console.WriteLine($"seed: done: {summary.Users} accounts, {summary.Voiceprints} voiceprints, {summary.Sessions} calls, {summary.AuditRows} audit rows in {summary.Elapsed.TotalSeconds:F1} s.");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"seed: refused: {e.Message}");
            return Refused;
        }
    }
}
