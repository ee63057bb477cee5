using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// Keeps <see cref="DatabaseSettingsProvider"/> in step with the table: at once after a change made here, and every
/// <c>Settings:RefreshSeconds</c> for changes made on other instances (a read of a table of a dozen rows). The
/// configuration reload then reaches every <c>IOptionsMonitor</c>.
/// </summary>
public sealed partial class SettingsRefresher(
    DatabaseSettingsProvider provider,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<SettingsOptions> options,
    ILogger<SettingsRefresher> logger) : BackgroundService
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Reads the table and puts what it holds in force.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (provider.Replace(await SettingsTable.ReadAsync(db, cancellationToken)))
            {
                LogApplied();
            }
        }
        finally
        {
            turn.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds));
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e); // keep the values in force; try again next tick
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied the administrators' settings from the database.")]
    private partial void LogApplied();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the administrators' settings; the values in force stay.")]
    private partial void LogFailed(Exception e);
}
