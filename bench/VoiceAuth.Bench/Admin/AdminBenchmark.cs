using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Cli.Seed;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Admin.Dashboard;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Bench.Admin;

/// <summary>
/// <c>admin [--users N] [--sessions N] [--db FILE] [--iterations N] [--json]</c>: seeds (or reuses) a SQLite database,
/// then times the admin console's own query services — accounts grid pages over every sort, direction, status
/// filter and several page depths; searches by e-mail prefix and the phone's last digits; the dashboard; audit
/// searches by person, kind, outcome and dates; and the CSV export's streaming rate.
/// </summary>
internal static class AdminBenchmark
{
    public static async Task<int> RunAsync(AdminBenchArguments args)
    {
        var directory = args.Database is null ? Directory.CreateTempSubdirectory("voiceauth-admin-bench-").FullName : null;
        var file = args.Database ?? Path.Combine(directory!, "admin.db");
        try
        {
            using var portal = new AdminBenchPortal(file);
            var services = portal.Services; // starts the portal: migrations applied
            await SeedIfEmptyAsync(services, args);
            var result = await MeasureAsync(services, args.Iterations);
            Console.WriteLine(args.Json ? JsonSerializer.Serialize(result, JsonOptions) : JsonSerializer.Serialize(result, IndentedJsonOptions));
            return 0;
        }
        finally
        {
            if (directory is not null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly JsonSerializerOptions IndentedJsonOptions = new(JsonOptions) { WriteIndented = true };

    private static async Task SeedIfEmptyAsync(IServiceProvider services, AdminBenchArguments args)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (DemoDataSeeder.SeededAccounts(connection) > 0)
        {
            Console.Error.WriteLine($"admin: reusing the seeded database {connection.DataSource}");
            return;
        }

        var summary = DemoDataSeeder.Seed(connection, new SeedPlan(args.Users, args.Sessions), DateTimeOffset.UtcNow, Console.Error);
        Console.Error.WriteLine($"admin: seeded in {summary.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<AdminBenchResult> MeasureAsync(IServiceProvider services, int iterations)
    {
        var directory = services.GetRequiredService<AdminDirectory>();
        var audit = services.GetRequiredService<AuditSearch>();
        var dashboard = services.GetRequiredService<AdminDashboard>();
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var users = await db.Users.CountAsync();
        var sessions = await db.Sessions.CountAsync();
        var auditRows = await db.AuditEntries.CountAsync();
        var person = await db.Users.OrderBy(u => u.CreatedAt).Select(u => u.Email).FirstAsync();

        var grid = await Timings.OfAsync(AdminBenchQueries.GridPages(DateTimeOffset.UtcNow), iterations, q => directory.QueryAsync(q), "grid");
        var search = await Timings.OfAsync(AdminBenchQueries.Searches(), iterations, q => directory.QueryAsync(q));
        var auditSearch = await Timings.OfAsync(AdminBenchQueries.AuditSearches(person!, DateTimeOffset.UtcNow), iterations, q => audit.PageAsync(q), "audit search");
        var dashboardTimes = await Timings.OfAsync([AdminDashboard.DefaultDays], 10, days => dashboard.LoadAsync(days));

        var csvWatch = Stopwatch.StartNew();
        var csvRows = 0;
        await using (var writer = new StreamWriter(Stream.Null))
        {
            await foreach (var entry in audit.StreamAsync(new AuditQuery(From: DateTimeOffset.UtcNow.AddDays(-7))))
            {
                await writer.WriteLineAsync(AuditCsv.Line(entry));
                csvRows++;
            }
        }

        return new(users, sessions, auditRows,
            Math.Round(Percentiles.Of(grid, 95), 1), Math.Round(Percentiles.Of(search, 95), 1), Math.Round(Percentiles.Of(dashboardTimes, 50), 1),
            Math.Round(Percentiles.Of(auditSearch, 95), 1), Math.Round(csvRows / csvWatch.Elapsed.TotalSeconds),
            Math.Round(Percentiles.Of(grid, 50), 1), Math.Round(Percentiles.Of(search, 50), 1), Math.Round(Percentiles.Of(auditSearch, 50), 1),
            Math.Round(dashboardTimes.Max(), 1), csvRows, iterations, Environment.ProcessorCount, Math.Round(LoadAverage(), 2));
    }

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : -1;
}

/// <summary>The benchmark's figures; the first eight are the ones issue 12 names.</summary>
internal sealed record AdminBenchResult(
    int Users, int Sessions, int AuditRows, double GridP95Ms, double SearchP95Ms, double DashboardMs, double AuditSearchP95Ms, double CsvRowsPerS,
    double GridP50Ms, double SearchP50Ms, double AuditSearchP50Ms, double DashboardMaxMs, int CsvRows, int Iterations, int Cores,
    [property: JsonPropertyName("load_average_1m")] double LoadAverage);
