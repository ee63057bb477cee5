using Microsoft.Data.Sqlite;

namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>Brings the columns the portal keeps up to date as calls happen in line with the seeded calls.</summary>
internal static class SeedActivity
{
    public static void Update(SqliteConnection connection)
    {
    }
}
