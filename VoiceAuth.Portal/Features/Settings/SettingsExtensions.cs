using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Settings;

internal static class SettingsExtensions
{
    /// <summary>
    /// Settings changed by administrators, stored in the database and layered over every other configuration source.
    /// Call after <c>AddData</c> and before the slices whose options it overrides read their configuration.
    /// </summary>
    public static WebApplicationBuilder AddSettings(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions(SettingsOptions.Section, new SettingsOptionsValidator());
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var contentRoot = builder.Environment.ContentRootPath;
        var provider = new DatabaseSettingsProvider(() => SettingsTable.ReadAtStartup(() => Open(database, contentRoot)));
        ((IConfigurationBuilder)builder.Configuration).Add(new DatabaseSettingsSource(provider));

        var services = builder.Services;
        services.AddSingleton(provider);
        services.AddSingleton<SettingsRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<SettingsRefresher>());
        services.TryAddSingleton<ISettingsBroadcast, NoSettingsBroadcast>(); // Redis replaces it (ScaleOut)
        services.AddSingleton<SettingValidator>();
        services.AddSingleton<PortalSettings>();
        services.AddSingleton<EvaluationImports>();
        return builder;
    }

    /// <summary>A context for the start-up read, or null when there is no database yet.</summary>
    private static AppDbContext? Open(DatabaseOptions database, string contentRoot)
    {
        if (string.Equals(database.Provider, DatabaseProviders.SqlServer, StringComparison.OrdinalIgnoreCase))
        {
            return new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer(database.ConnectionString).Options);
        }

        // Never create the file here: the migrations must find no database (or a WAL one) on a first start.
        var csb = new SqliteConnectionStringBuilder(DataExtensions.ResolveSqlitePath(database.ConnectionString!, contentRoot));
        if (csb.Mode == SqliteOpenMode.Memory || csb.DataSource == ":memory:" || !File.Exists(csb.DataSource))
        {
            return null;
        }

        csb.Mode = SqliteOpenMode.ReadWrite;
        return new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(csb.ToString()).Options);
    }
}
