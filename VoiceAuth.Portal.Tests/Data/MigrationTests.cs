using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Tests.Data;

public sealed class MigrationTests
{
    private static SqlServerAppDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=unreachable.invalid;Database=VoiceAuth").Options);

    private static SqliteAppDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void SqlServer_migrations_produce_an_idempotent_script_with_the_schema()
    {
        using var db = SqlServer();

        // Generating a script needs no server: it proves the migrations compile to valid T-SQL for the model.
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Contains("[PhoneNumber] nvarchar(16)", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("__EFMigrationsHistory", script, StringComparison.Ordinal);
        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains(migration, script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Both_providers_have_migrations_for_the_current_model()
    {
        using var sqlServer = SqlServer();
        using var sqlite = Sqlite();

        Assert.NotEmpty(sqlServer.Database.GetMigrations());
        Assert.NotEmpty(sqlite.Database.GetMigrations());
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "Add a SQL Server migration (docs/development.md).");
        Assert.False(sqlite.Database.HasPendingModelChanges(), "Add a SQLite migration (docs/development.md).");
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_database()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options;
        await using var db = new SqliteAppDbContext(options);
        await db.Database.OpenConnectionAsync();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }
}
