using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoiceAuth.Portal.Data;

/// <summary>
/// SQLite takes one writer at a time; concurrent writers otherwise sleep in SQLite's busy handler with growing
/// back-off (up to 100 ms a try), blocking a thread each — the source of long response-time tails under load.
/// This interceptor queues SaveChanges calls of this process in order, asynchronously, so each one finds the
/// database free. A SaveChanges inside an explicit transaction is not queued (its transaction already holds the
/// write lock; queueing it behind another writer would deadlock). Other processes meet the busy timeout.
/// </summary>
internal sealed class SqliteSaveQueue : SaveChangesInterceptor, IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly ConditionalWeakTable<DbContext, object> holders = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context)
        {
            await turn.WaitAsync(cancellationToken);
            holders.AddOrUpdate(context, this);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context)
        {
            turn.Wait();
            holders.AddOrUpdate(context, this);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) => Leave(eventData.Context, result);

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Leave(eventData.Context, result));

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Leave(eventData.Context, 0);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context, 0);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Leave(eventData.Context, 0);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context, 0);
        return Task.CompletedTask;
    }

    private int Leave(DbContext? context, int result)
    {
        if (context is not null && holders.Remove(context))
        {
            turn.Release();
        }

        return result;
    }

    public void Dispose() => turn.Dispose();
}
