using Microsoft.Data.Sqlite;

namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>Brings the column the portal keeps up to date as calls start (each person's last call) in line with the seeded calls.</summary>
internal static class SeedActivity
{
    /// <summary>Also the AdminIndexes migration's backfill for databases made before the column existed.</summary>
    public const string LastCallAtFromSessions =
        "UPDATE \"AspNetUsers\" SET \"LastCallAt\" = (SELECT MAX(s.\"CreatedAt\") FROM \"Sessions\" s WHERE s.\"UserId\" = \"AspNetUsers\".\"Id\");";

    public static void Update(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = LastCallAtFromSessions;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
