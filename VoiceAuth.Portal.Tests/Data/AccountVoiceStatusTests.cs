using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Tests.Features.Verification;

namespace VoiceAuth.Portal.Tests.Data;

/// <summary>
/// The voiceprint's stage, lock and failures that the database copies onto the account (AccountVoiceStatus triggers)
/// for the accounts grid: kept by every kind of write, never overwritten by the portal, backfilled by the migration.
/// </summary>
public sealed class AccountVoiceStatusTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    private Task<(VoiceStage Stage, DateTimeOffset? LockedUntil, int Failures)> StatusAsync(string userId) =>
        portal.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => ValueTuple.Create(u.VoiceStage, u.VoiceLockedUntil, u.VoiceFailures)).SingleAsync());

    [Fact]
    public async Task A_voiceprint_added_by_a_save_sets_the_accounts_stage()
    {
        var none = (await portal.CreateUserAsync("none@example.com")).Id;
        var consented = await portal.CreateCallerAsync("consented@example.com");
        var enrolling = await portal.CreateCallerAsync("enrolling@example.com", enrollments: 2);
        var enrolled = await portal.CreateCallerAsync("enrolled@example.com", enrolled: true);

        Assert.Equal((VoiceStage.None, null, 0), await StatusAsync(none));
        Assert.Equal((VoiceStage.None, null, 0), await StatusAsync(consented));
        Assert.Equal((VoiceStage.Enrolling, null, 0), await StatusAsync(enrolling));
        Assert.Equal((VoiceStage.Enrolled, null, 0), await StatusAsync(enrolled));
    }

    [Fact]
    public async Task Changes_by_a_tracked_save_or_a_set_based_update_reach_the_account_and_a_deletion_clears_it()
    {
        var user = await portal.CreateCallerAsync("ann@example.com", enrollments: 1);
        var lockedUntil = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        await portal.WithDbAsync(async db =>
        {
            var voiceprint = await db.Voiceprints.SingleAsync(v => v.UserId == user);
            voiceprint.IsComplete = true;
            voiceprint.EnrollmentCount = 3;
            voiceprint.ConsecutiveFailures = 2;
            return await db.SaveChangesAsync();
        });
        Assert.Equal((VoiceStage.Enrolled, null, 2), await StatusAsync(user));

        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == user)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LockedUntil, lockedUntil).SetProperty(v => v.ConsecutiveFailures, 5)));
        Assert.Equal((VoiceStage.Enrolled, lockedUntil, 5), await StatusAsync(user));

        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == user).ExecuteDeleteAsync());
        Assert.Equal((VoiceStage.None, null, 0), await StatusAsync(user));
    }

    [Fact]
    public async Task Identitys_whole_row_update_of_a_user_read_before_the_voiceprint_changed_keeps_the_new_status()
    {
        var userId = await portal.CreateCallerAsync("bob@example.com", enrolled: true);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var stale = (await users.FindByIdAsync(userId))!;

        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == userId).ExecuteUpdateAsync(u => u.SetProperty(v => v.ConsecutiveFailures, 4)));
        Assert.Equal(0, stale.VoiceFailures);
        stale.DisplayName = "Bob";
        Assert.True((await users.UpdateAsync(stale)).Succeeded);

        Assert.Equal((VoiceStage.Enrolled, null, 4), await StatusAsync(userId));
    }

    [Fact]
    public async Task The_migration_backfills_accounts_that_already_have_voiceprints()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_AccountVoiceStatus", StringComparison.Ordinal)) - 1]);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "AspNetUsers" ("Id", "CreatedAt", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ('enrolled', 0, 1, 0, 0, 1, 0), ('enrolling', 0, 1, 0, 0, 1, 0), ('none', 0, 1, 0, 0, 1, 0);
            INSERT INTO "Voiceprints" ("Id", "UserId", "Engine", "ProtectedState", "EnrollmentCount", "IsComplete", "CreatedAt", "UpdatedAt", "ConsecutiveFailures", "LockedUntil", "Version")
            VALUES ('a', 'enrolled', 'local', x'', 3, 1, 0, 0, 3, 42, 0), ('b', 'enrolling', 'local', x'', 1, 0, 0, 0, 0, NULL, 0);
            """);

        await migrator.MigrateAsync();

        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.VoiceStage, u.VoiceLockedUntil, u.VoiceFailures }).ToListAsync();
        Assert.Equal(
            [("enrolled", VoiceStage.Enrolled, 42L, 3), ("enrolling", VoiceStage.Enrolling, (long?)null, 0), ("none", VoiceStage.None, null, 0)],
            rows.Select(r => (r.Id, r.VoiceStage, r.VoiceLockedUntil?.UtcTicks, r.VoiceFailures)));
    }

    public void Dispose() => portal.Dispose();
}
