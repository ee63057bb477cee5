using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Configuration;

namespace VoiceAuth.Portal.Data;

internal static class DataExtensions
{
    /// <summary>Registers <see cref="AppDbContext"/> (scoped, and as a factory for Blazor components) on the configured provider.</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions(DatabaseOptions.Section, new DatabaseOptionsValidator());

        if (string.Equals(options.Provider, DatabaseProviders.SqlServer, StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddProviderContext<SqlServerAppDbContext>(db => db.UseSqlServer(options.ConnectionString,
                sql => sql.EnableRetryOnFailure()));
        }
        else
        {
            var connectionString = ResolveSqlitePath(options.ConnectionString!, builder.Environment.ContentRootPath);
            builder.Services.AddProviderContext<SqliteAppDbContext>(db => db.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
            builder.Services.AddHostedService<SqliteCheckpointer>();

            // SQLite's calls are synchronous underneath: a burst of requests holds threads, so start with more of
            // them rather than waiting for the pool to grow one every half second.
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 8 * Environment.ProcessorCount), io);
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return builder;
    }

    private static void AddProviderContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : AppDbContext
    {
        services.AddDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<AppDbContext>, UpcastDbContextFactory<TContext>>();
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    /// <summary>A relative SQLite file is placed under the content root, and its folder is created.</summary>
    internal static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }

        return csb.ToString();
    }

    private sealed class UpcastDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
