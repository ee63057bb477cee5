using Microsoft.Data.Sqlite;

namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>
/// Prepared INSERTs reused for every row, in shared transactions of <see cref="BatchSize"/> rows: SQLite then writes
/// hundreds of thousands of rows a second, where EF Core's change tracking would take hours for a million.
/// </summary>
internal sealed class BulkInsert(SqliteConnection connection) : IDisposable
{
    private const int BatchSize = 50_000;

    private SqliteTransaction? transaction;
    private int pending;

    /// <summary>A prepared insert of <paramref name="columns"/> into <paramref name="table"/>; call it with the values in that order.</summary>
    public Action<object?[]> Into(string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        return values =>
        {
            if (transaction is null)
            {
                transaction = connection.BeginTransaction();
            }

            if (command.Transaction != transaction)
            {
                command.Transaction = transaction;
                command.Prepare();
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            if (++pending == BatchSize)
            {
                Commit();
            }
        };
    }

    public void Commit()
    {
        transaction?.Commit();
        transaction?.Dispose();
        transaction = null;
        pending = 0;
    }

    public void Dispose() => Commit();
}
