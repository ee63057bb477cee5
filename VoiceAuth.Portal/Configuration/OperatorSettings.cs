using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace VoiceAuth.Portal.Configuration;

internal static class OperatorSettings
{
    private const string FileName = "appsettings.json";

    /// <summary>
    /// Loads the operator's <c>appsettings.json</c> — kept at the repository root and copied beside the app by the
    /// build — in the place of the content root's own file, so that <c>appsettings.{Environment}.json</c>,
    /// user-secrets, environment variables and the command line still override it, in that order.
    /// </summary>
    public static WebApplicationBuilder AddOperatorSettings(this WebApplicationBuilder builder)
    {
        var directory = AppContext.BaseDirectory;
        var sources = builder.Configuration.Sources;
        var contentRootFile = sources.OfType<JsonConfigurationSource>()
            .FirstOrDefault(s => string.Equals(s.Path, FileName, StringComparison.OrdinalIgnoreCase));

        if (!File.Exists(Path.Combine(directory, FileName))
            || SameDirectory(directory, builder.Environment.ContentRootPath))
        {
            return builder; // published layout: the content root's file is the operator's file
        }

        var operatorFile = new JsonConfigurationSource
        {
            Path = FileName,
            Optional = false,
            // As the host's own files do: hosts that turn reloading off (tests start hundreds) watch no files.
            ReloadOnChange = builder.Configuration.GetValue("hostBuilder:reloadConfigOnChange", defaultValue: true),
            FileProvider = new PhysicalFileProvider(directory),
        };

        var index = contentRootFile is null ? 0 : sources.IndexOf(contentRootFile) + 1;
        sources.Insert(index, operatorFile);
        return builder;
    }

    private static bool SameDirectory(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar),
            Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}
