using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Configuration;

public sealed class OperatorSettingsTests
{
    [Fact]
    public void The_repository_root_appsettings_json_is_loaded_and_overridable()
    {
        // The build copies the root appsettings.json beside the app; its values must reach the running portal.
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var lockout = json.RootElement.GetProperty("Accounts").GetProperty("LockoutMinutes").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var factory = new PortalFactory();
        factory.Settings["Accounts:MaxFailedSignIns"] = "7"; // a later layer overrides the file
        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(lockout, configuration["Accounts:LockoutMinutes"]);
        Assert.Equal("7", configuration["Accounts:MaxFailedSignIns"]);
        Assert.Equal("US", configuration["Accounts:DefaultRegion"]);
    }
}
