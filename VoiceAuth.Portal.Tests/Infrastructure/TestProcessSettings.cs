using System.Runtime.CompilerServices;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>
/// Settings for every portal this test process starts. The suite starts hundreds of hosts; each one watching its
/// configuration files holds an inotify instance, and Linux allows 128 per user by default — past that, hosts fail
/// to start with "inotify user limit reached" for reasons that have nothing to do with the test.
/// </summary>
internal static class TestProcessSettings
{
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true"); // any watcher left polls, holding no inotify instance
    }
}
