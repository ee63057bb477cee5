using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>
/// Fills a migrated SQLite database with made-up accounts, voiceprints, calls and their audit rows, for measuring and
/// trying the admin console at scale. Refuses a database that already holds seeded accounts: seeding is not
/// repeatable into the same file (audit rows cannot be deleted — the database guards them), so start from a new file.
/// </summary>
internal static class DemoDataSeeder
{
    /// <summary>How many seeded accounts the database already holds (0: it may be seeded).</summary>
    public static long SeededAccounts(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // A range on the e-mail index would need a suffix; a scan of one column of the users table is fast enough for a one-off check.
        command.CommandText = "SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" LIKE $domain";
        command.Parameters.AddWithValue("$domain", "%" + SeedPlan.EmailDomain.ToUpperInvariant());
        return (long)command.ExecuteScalar()!;
    }

    public static SeedSummary Seed(SqliteConnection connection, SeedPlan plan, DateTimeOffset now, TextWriter? progress = null)
    {
        if (SeededAccounts(connection) is > 0 and var existing)
        {
            throw new InvalidOperationException($"The database already holds {existing} seeded accounts; seed writes into an unseeded database only (delete the SQLite file to start again).");
        }

        var watch = Stopwatch.StartNew();
        var random = new Random(plan.RandomSeed);
        Pragma(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-524288;"); // a throwaway development file: speed over durability
        try
        {
            var people = SeedPeople.Write(connection, plan, random, now);
            progress?.WriteLine($"seed: {people.Count} accounts ({watch.Elapsed.TotalSeconds:F1} s)");
            var voiceprints = SeedPeople.WriteVoiceprints(connection, people, random, now);
            progress?.WriteLine($"seed: {voiceprints} voiceprints ({watch.Elapsed.TotalSeconds:F1} s)");
            using var calls = new SeedCalls(connection, plan, random, now);
            using (new DeferredIndexes(connection, "Sessions", "AuditEntries"))
            {
                calls.Write(people);
                calls.Dispose();
                progress?.WriteLine($"seed: {calls.Sessions} calls, {calls.AuditRows} audit rows ({watch.Elapsed.TotalSeconds:F1} s)");
            }

            progress?.WriteLine($"seed: indexes built ({watch.Elapsed.TotalSeconds:F1} s)");
            SeedActivity.Update(connection);
            progress?.WriteLine($"seed: last calls noted ({watch.Elapsed.TotalSeconds:F1} s)");
            return new(people.Count, voiceprints, calls.Sessions, calls.AuditRows, watch.Elapsed);
        }
        finally
        {
            Pragma(connection, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-2000;");
        }
    }

    private static void Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
