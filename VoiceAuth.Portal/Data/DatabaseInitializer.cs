using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Data;

internal static class DatabaseInitializer
{
    /// <summary>
    /// Brings the database to the latest migration and seeds roles and configured accounts, before the portal
    /// accepts requests — so a fresh machine needs no separate set-up step.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync();
    }
}
