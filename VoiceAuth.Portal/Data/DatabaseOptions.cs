using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Data;

/// <summary>Section <c>Database</c>: which provider and where.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, a file under the content root) or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>ADO.NET connection string. For SQLite a relative <c>Data Source</c> is resolved against the content root.</summary>
    public string? ConnectionString { get; set; }
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!string.Equals(options.Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.Provider, DatabaseProviders.SqlServer, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"Database:Provider must be '{DatabaseProviders.Sqlite}' or '{DatabaseProviders.SqlServer}' (was '{options.Provider}').");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"Database:ConnectionString is required for the {options.Provider} provider.");
        }

        return ValidateOptionsResult.Success;
    }
}
