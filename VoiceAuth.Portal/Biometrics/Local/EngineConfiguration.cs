using Microsoft.Extensions.Configuration;

namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>Reads <see cref="LocalEngineOptions"/> the way the portal does, for commands that run without the web host.</summary>
internal static class EngineConfiguration
{
    public static LocalEngineOptions Load()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new LocalEngineOptions();
        configuration.GetSection(LocalEngineOptions.Section).Bind(options);
        return options;
    }
}
