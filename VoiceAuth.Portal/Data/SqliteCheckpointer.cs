using Microsoft.EntityFrameworkCore;

namespace VoiceAuth.Portal.Data;

/// <summary>
/// Moves the SQLite write-ahead log into the database file every second, off the request path. Left to SQLite,
/// the checkpoint runs inside whichever commit crosses the log's size limit — that commit (and every save queued
/// behind it) then waits for the copy and the disk flush. A passive checkpoint here never blocks a writer.
/// </summary>
internal sealed partial class SqliteCheckpointer(IDbContextFactory<AppDbContext> dbFactory, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                LogFailed(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed: {Error}; trying again in a second.")]
    private partial void LogFailed(string error);
}
