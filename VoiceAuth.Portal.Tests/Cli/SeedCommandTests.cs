using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Cli.Seed;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Tests.Cli;

/// <summary>The seed command: Development only, an unseeded database only, and what it writes.</summary>
public sealed class SeedCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("voiceauth-seed-").FullName;

    private string DatabaseFile => Path.Combine(directory, "seed.db");

    private string[] Args(string environment) =>
        ["--users", "20", "--sessions", "200", "--environment", environment, $"--Database:Provider=Sqlite", $"--Database:ConnectionString=Data Source={DatabaseFile}"];

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Refuses_outside_Development_without_touching_the_database(string environment)
    {
        Assert.Equal(SeedCommand.Refused, await SeedCommand.RunAsync(Args(environment)));

        Assert.False(File.Exists(DatabaseFile));
    }

    [Fact]
    public async Task Seeds_a_new_database_in_Development_and_refuses_it_the_second_time()
    {
        Assert.Equal(0, await SeedCommand.RunAsync(Args("Development")));
        var users = await CountAsync("AspNetUsers");

        Assert.Equal(SeedCommand.Refused, await SeedCommand.RunAsync(Args("Development")));

        Assert.Equal(20, users);
        Assert.Equal(20, await CountAsync("AspNetUsers")); // nothing added by the refused run
        Assert.Equal(200, await CountAsync("Sessions"));
    }

    [Fact]
    public async Task Seeding_keeps_every_index_and_notes_each_persons_last_call()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        await connection.OpenAsync();
        await using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options))
        {
            await db.Database.MigrateAsync();
        }

        var before = await ScalarsAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");

        var summary = DemoDataSeeder.Seed(connection, new SeedPlan(30, 300), DateTimeOffset.UtcNow);

        Assert.Equal((30, 300), (summary.Users, summary.Sessions));
        Assert.Equal(before, await ScalarsAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"));
        Assert.Equal(["0"], await ScalarsAsync(connection, """
            SELECT COUNT(*) FROM "AspNetUsers" u
            WHERE u."LastCallAt" IS NOT (SELECT MAX(s."CreatedAt") FROM "Sessions" s WHERE s."UserId" = u."Id")
            """));
        Assert.NotEqual(["0"], await ScalarsAsync(connection, "SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"LastCallAt\" IS NOT NULL"));
        Assert.Throws<InvalidOperationException>(() => DemoDataSeeder.Seed(connection, new SeedPlan(1, 0), DateTimeOffset.UtcNow));
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        await connection.OpenAsync();
        return long.Parse((await ScalarsAsync(connection, $"SELECT COUNT(*) FROM \"{table}\"")).Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> ScalarsAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
