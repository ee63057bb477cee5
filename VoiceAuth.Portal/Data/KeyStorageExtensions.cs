using Microsoft.AspNetCore.DataProtection;

namespace VoiceAuth.Portal.Data;

internal static class KeyStorageExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection keys (they sign cookies and encrypt voiceprints at rest) persisted under
    /// <c>DataProtection:KeysPath</c> — default <c>App_Data/keys</c> beside the SQLite file — so a restart keeps
    /// everyone signed in and every stored voiceprint readable. Back this folder up with the database.
    /// </summary>
    public static WebApplicationBuilder AddKeyStorage(this WebApplicationBuilder builder)
    {
        var path = builder.Configuration["DataProtection:KeysPath"];
        path = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? "App_Data/keys" : path, builder.Environment.ContentRootPath);
        builder.Services.AddDataProtection()
            .SetApplicationName("VoiceAuth")
            .PersistKeysToFileSystem(Directory.CreateDirectory(path));
        return builder;
    }
}
