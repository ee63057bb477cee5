using Microsoft.Data.Sqlite;

namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>
/// Drops the secondary indexes of the big tables while they are filled and builds them again afterwards: a million
/// rows inserted into half a dozen random-order indexes is many times slower than sorting each index once.
/// </summary>
internal sealed class DeferredIndexes : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly List<string> definitions = [];

    public DeferredIndexes(SqliteConnection connection, params string[] tables)
    {
        this.connection = connection;
        foreach (var table in tables)
        {
            using var read = connection.CreateCommand();
            // sql is null for the indexes SQLite makes for keys and unique constraints: those stay.
            read.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL";
            read.Parameters.AddWithValue("$table", table);
            var found = new List<(string Name, string Sql)>();
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    found.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (name, sql) in found)
            {
                Execute($"DROP INDEX \"{name}\"");
                definitions.Add(sql);
            }
        }
    }

    /// <summary>Builds the dropped indexes again (also when seeding failed half-way: the schema stays whole).</summary>
    public void Dispose()
    {
        foreach (var sql in definitions)
        {
            Execute(sql);
        }

        definitions.Clear();
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
