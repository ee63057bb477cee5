using System.Diagnostics;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Telemetry;

namespace VoiceAuth.Portal.Data;

/// <summary>
/// The portal's database. Each provider has a derived context (<see cref="SqliteAppDbContext"/>,
/// <see cref="SqlServerAppDbContext"/>) only so that each keeps its own migrations; the model is this one.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Voiceprint> Voiceprints => Set<Voiceprint>();

    public DbSet<VoiceConsent> VoiceConsents => Set<VoiceConsent>();

    public DbSet<VerificationSession> Sessions => Set<VerificationSession>();

    public DbSet<SessionEvent> SessionEvents => Set<SessionEvent>();

    public DbSet<CallRecording> Recordings => Set<CallRecording>();

    public DbSet<CallSlot> CallSlots => Set<CallSlot>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>
    /// Runs a set-based write (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>) in the provider's write order — on SQLite,
    /// in turn with every other save of this process (see <see cref="SqliteAppDbContext"/>).
    /// </summary>
    public virtual Task<int> WriteAsync(Func<Task<int>> write, CancellationToken cancellationToken) => write();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity's e-mail and phone columns default to nvarchar(max)/TEXT; bound them so SQL Server can index them.
        builder.Entity<ApplicationUser>(user =>
        {
            user.Property(u => u.PhoneNumber).HasMaxLength(16);
            // One account per number: a number proven by keying the call's code belongs to that account alone.
            // Unconfirmed numbers may repeat (typos, a number changing hands) — they are never trusted.
            user.HasIndex(u => u.PhoneNumber).IsUnique().HasFilter("[PhoneNumberConfirmed] = 1").HasDatabaseName("UX_Users_ConfirmedPhoneNumber");

            // The admin search by "last digits of the phone" without reading the whole number: computed, so no code keeps it.
            user.Property(u => u.PhoneLast4).HasMaxLength(4)
                .HasComputedColumnSql(Database.IsSqlServer() ? "RIGHT([PhoneNumber], 4)" : "substr(\"PhoneNumber\", -4)");
            user.HasIndex(u => u.PhoneLast4);

            // The accounts grid's sorts, each an index walk that stops after the page (AdminIndexes).
            user.HasIndex(u => new { u.LastCallAt, u.NormalizedEmail }).HasDatabaseName("IX_AspNetUsers_LastCallAt_NormalizedEmail");
            user.HasIndex(u => new { u.CreatedAt, u.Id }).HasDatabaseName("IX_AspNetUsers_CreatedAt_Id");
            // The grid's disabled filter (LockoutEnd = max): a few hundred rows found by index, not a table scan (AdminIndexes2).
            user.HasIndex(u => u.LockoutEnd).HasDatabaseName("IX_AspNetUsers_LockoutEnd");

            // The voiceprint's status kept on the account by the Voiceprints triggers (AccountVoiceStatus): the grid's
            // status filter and failures sort walk these with the sort's columns and stop after the page.
            foreach (var kept in new[] { nameof(ApplicationUser.VoiceStage), nameof(ApplicationUser.VoiceLockedUntil), nameof(ApplicationUser.VoiceFailures) })
            {
                user.Property(kept).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
                user.Property(kept).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
            }

            user.Property(u => u.VoiceStage).HasDefaultValue(VoiceStage.None);
            user.Property(u => u.VoiceFailures).HasDefaultValue(0);
            user.HasIndex(u => new { u.VoiceStage, u.NormalizedEmail }).HasDatabaseName("IX_AspNetUsers_VoiceStage_NormalizedEmail");
            user.HasIndex(u => new { u.VoiceStage, u.LastCallAt, u.NormalizedEmail }).HasDatabaseName("IX_AspNetUsers_VoiceStage_LastCallAt_NormalizedEmail");
            user.HasIndex(u => new { u.VoiceStage, u.CreatedAt, u.Id }).HasDatabaseName("IX_AspNetUsers_VoiceStage_CreatedAt_Id");
            user.HasIndex(u => u.VoiceLockedUntil).HasDatabaseName("IX_AspNetUsers_VoiceLockedUntil");
            user.HasIndex(u => new { u.VoiceFailures, u.NormalizedEmail }).HasDatabaseName("IX_AspNetUsers_VoiceFailures_NormalizedEmail");
            user.HasIndex(u => new { u.VoiceStage, u.VoiceFailures, u.NormalizedEmail }).HasDatabaseName("IX_AspNetUsers_VoiceStage_VoiceFailures_NormalizedEmail");
        });

        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // The OpenID Connect provider's applications, authorizations, scopes and tokens (Features/Oidc).
        builder.UseOpenIddict();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks everywhere so both providers behave alike.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

/// <summary>The SQLite flavour of <see cref="AppDbContext"/> (migrations in <c>Data/Migrations/Sqlite</c>).</summary>
/// <remarks>
/// SQLite takes one writer at a time; concurrent writers otherwise sleep in SQLite's busy handler with growing
/// back-off (up to 100 ms a try), each blocking a thread — the source of long response-time tails under load.
/// Saves and set-based writes of this process therefore queue, asynchronously and in order, so each finds the
/// database free. A save inside an explicit transaction does not queue: its transaction already holds the write lock.
/// </remarks>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    private static readonly SemaphoreSlim WriteTurn = new(1, 1);


    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        return await InTurnAsync(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
    }

    public override Task<int> WriteAsync(Func<Task<int>> write, CancellationToken cancellationToken) => InTurnAsync(write, cancellationToken);

    private static async Task<int> InTurnAsync(Func<Task<int>> write, CancellationToken cancellationToken)
    {
        var asked = Stopwatch.GetTimestamp();
        await WriteTurn.WaitAsync(cancellationToken);
        VoiceAuthTelemetry.WaitedToWrite(Stopwatch.GetElapsedTime(asked));
        try
        {
            return await write();
        }
        finally
        {
            WriteTurn.Release();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Database.CurrentTransaction is not null)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        WriteTurn.Wait();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            WriteTurn.Release();
        }
    }
}

/// <summary>The SQL Server flavour of <see cref="AppDbContext"/> (migrations in <c>Data/Migrations/SqlServer</c>).</summary>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);
