using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Tests.Features.Audit;

/// <summary>
/// The audit search on SQLite with a person and a kind or outcome: written so that the person's indexes drive the plan
/// (Kind and Outcome compared under NOCASE), it must still return exactly the matching rows.
/// </summary>
public sealed class AuditSearchTests : IAsyncLifetime
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    private sealed class Factory(SqliteConnection connection) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() =>
            new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options);
    }

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        await using var db = new Factory(connection).CreateDbContext();
        await db.Database.MigrateAsync();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        db.AuditEntries.AddRange(
            new AuditEntry { At = at, Kind = AuditKind.CallEnded, Outcome = "Failed", SubjectEmail = "ann@example.com" },
            new AuditEntry { At = at.AddMinutes(1), Kind = AuditKind.CallEnded, Outcome = "Passed", SubjectEmail = "ann@example.com" },
            new AuditEntry { At = at.AddMinutes(2), Kind = AuditKind.SignInVoice, Outcome = "Failed", ActorEmail = "ann@example.com" },
            new AuditEntry { At = at.AddMinutes(3), Kind = AuditKind.CallEnded, Outcome = "Failed", SubjectEmail = "bob@example.com" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await connection.DisposeAsync();

    [Fact]
    public async Task A_person_with_a_kind_and_an_outcome_finds_only_their_matching_entries()
    {
        var search = new AuditSearch(new Factory(connection));

        var (rows, total) = await search.PageAsync(new AuditQuery("ann@example.com", AuditKind.CallEnded, "Failed"));

        Assert.Equal(1, total);
        var row = Assert.Single(rows);
        Assert.Equal(("ann@example.com", AuditKind.CallEnded, "Failed"), (row.SubjectEmail, row.Kind, row.Outcome));
    }

    [Fact]
    public async Task A_person_with_a_kind_finds_every_outcome_of_that_kind_and_no_one_elses()
    {
        var search = new AuditSearch(new Factory(connection));

        var (rows, total) = await search.PageAsync(new AuditQuery("ann@example.com", AuditKind.CallEnded));

        Assert.Equal(2, total);
        Assert.Equal(["Passed", "Failed"], rows.Select(r => r.Outcome)); // newest first
    }
}
