using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Tests.Data;

/// <summary>The indexes the admin console's queries rely on at 100 000 accounts, in the model and in both providers' migrations.</summary>
public sealed class AdminIndexesTests
{
    private static readonly (string Table, string[] Columns)[] Expected =
    [
        ("AspNetUsers", ["LastCallAt", "NormalizedEmail"]),
        ("AspNetUsers", ["CreatedAt", "Id"]),
        ("Voiceprints", ["ConsecutiveFailures"]),
        ("Voiceprints", ["IsComplete", "LockedUntil", "EnrollmentCount"]),
        ("Voiceprints", ["LockedUntil"]),
        ("Sessions", ["CreatedAt", "Purpose", "State", "AnsweredAt", "CompletedAt"]),
        ("AuditEntries", ["ActorUserId", "At"]),
        ("AuditEntries", ["SubjectEmail", "At"]),
        ("AuditEntries", ["ActorEmail", "At"]),
        ("AuditEntries", ["Outcome", "At"]),
        ("AuditEntries", ["Kind", "Outcome", "At"]),
        ("Sessions", ["State", "Purpose", "CreatedAt", "UserId"]),
        ("Sessions", ["UserId", "Purpose", "State", "CreatedAt"]),
        ("AspNetUsers", ["LockoutEnd"]),
        ("AspNetUsers", ["VoiceStage", "NormalizedEmail"]),
        ("AspNetUsers", ["VoiceStage", "LastCallAt", "NormalizedEmail"]),
        ("AspNetUsers", ["VoiceStage", "CreatedAt", "Id"]),
        ("AspNetUsers", ["VoiceLockedUntil"]),
        ("AspNetUsers", ["VoiceFailures", "NormalizedEmail"]),
        ("AspNetUsers", ["VoiceStage", "VoiceFailures", "NormalizedEmail"]),
    ];

    public static TheoryData<string, string[]> Indexes()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var (table, columns) in Expected)
        {
            data.Add(table, columns);
        }

        return data;
    }

    private static SqlServerAppDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=unreachable.invalid;Database=VoiceAuth").Options);

    [Theory]
    [MemberData(nameof(Indexes))]
    public void The_model_has_the_index_for_both_providers(string table, string[] columns)
    {
        using var sqlite = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var sqlServer = SqlServer();

        foreach (AppDbContext db in new AppDbContext[] { sqlite, sqlServer })
        {
            var indexes = db.Model.GetEntityTypes().Where(t => t.GetTableName() == table).SelectMany(t => t.GetIndexes());
            Assert.Contains(indexes, i => i.Properties.Select(p => p.GetColumnName()).SequenceEqual(columns));
        }
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void The_SqlServer_migrations_create_the_index(string table, string[] columns)
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains($"ON [{table}] ({string.Join(", ", columns.Select(c => $"[{c}]"))});", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Sqlite_migrations_create_every_index_and_the_last_call_column()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options))
        {
            await db.Database.MigrateAsync();
        }

        var created = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                created.Add(reader.GetString(0));
            }
        }

        foreach (var (table, columns) in Expected)
        {
            Assert.Contains(created, sql => sql.EndsWith($"ON \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(created, sql => sql.EndsWith("ON \"Sessions\" (\"CreatedAt\")", StringComparison.Ordinal)); // replaced by the covering one
    }

    [Fact]
    public async Task The_dashboards_day_groups_are_read_from_the_expression_index_in_order_without_a_sort()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options))
        {
            await db.Database.MigrateAsync();
        }

        // The shape AdminDashboard sends on SQLite: the literal day length, so the expression matches the index's.
        await using var command = connection.CreateCommand();
        command.CommandText = """
            EXPLAIN QUERY PLAN
            SELECT "CreatedAt" / 864000000000, "Purpose", "State", COUNT(*), COUNT("AnsweredAt"), SUM("CompletedAt" - "AnsweredAt")
            FROM "Sessions" WHERE "CreatedAt" / 864000000000 >= 739000
            GROUP BY "CreatedAt" / 864000000000, "Purpose", "State"
            """;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("COVERING INDEX IX_Sessions_Day_Purpose_State", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
