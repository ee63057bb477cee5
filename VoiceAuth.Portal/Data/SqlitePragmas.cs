using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoiceAuth.Portal.Data;

/// <summary>
/// SQLite tuned for a web server's many short writers: write-ahead logging (readers never wait for the writer),
/// "normal" syncing (durable at checkpoints, safe under WAL), a busy timeout instead of immediate failure, and
/// checkpoints left to <see cref="SqliteCheckpointer"/>.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // Automatic checkpoints stay on as a safety net, at a size the SqliteCheckpointer normally never lets the log reach.
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=20000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
