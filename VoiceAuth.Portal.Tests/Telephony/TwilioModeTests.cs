using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAuth.Emulator;
using VoiceAuth.Portal.Telephony.Twilio;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony;

/// <summary>Twilio:Mode decides, once, whether the emulator exists; outside Development the default is real Twilio.</summary>
public sealed class TwilioModeTests
{
    private static readonly string[] TwilioKeys = ["Twilio:AccountSid", "Twilio:AuthToken", "Twilio:FromNumber", "Twilio:PublicBaseUrl"];

    [Fact]
    public void A_production_start_without_twilio_credentials_fails_naming_the_missing_keys()
    {
        using var portal = WithMailServer(new PortalFactory { EnvironmentName = "Production" });

        var error = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        var message = string.Join(" ", Validation(error).Failures);
        Assert.All(TwilioKeys, key => Assert.Contains(key, message, StringComparison.Ordinal));
        Assert.Contains("Twilio:Mode", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_start_missing_only_the_token_names_only_the_token()
    {
        using var portal = Production(token: "");

        var error = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        var message = string.Join(" ", Validation(error).Failures);
        Assert.Contains("Twilio:AuthToken is missing", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Twilio:AccountSid", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portal_process_exits_non_zero_in_production_without_credentials_and_says_which_keys()
    {
        var directory = Directory.CreateTempSubdirectory("voiceauth-mode-").FullName;
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = directory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(directory, "portal.db")}";
        start.Environment["DataProtection__KeysPath"] = Path.Combine(directory, "keys");
        start.Environment["Mail__Smtp__Host"] = "127.0.0.1"; // so that Twilio is the only thing missing
        start.Environment["Mail__LinkBaseUrl"] = "https://voiceauth.example.com";
        foreach (var key in TwilioKeys.Append("Twilio:Mode"))
        {
            start.Environment.Remove(key.Replace(":", "__", StringComparison.Ordinal));
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, process.ExitCode);
        var said = await output + await errors;
        Assert.All(TwilioKeys, key => Assert.Contains(key, said, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_real_twilio_there_is_no_emulator_no_softphone_and_no_fake_api()
    {
        using var portal = Production();
        using var client = portal.CreateBrowserClient();

        Assert.Null(portal.Services.GetService<TwilioEmulator>());
        Assert.False(portal.Services.GetRequiredService<TwilioAccount>().IsEmulated);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/softphone")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(CallUrl)).StatusCode);
    }

    [Fact]
    public async Task An_operator_may_choose_the_emulator_outside_development()
    {
        using var portal = WithMailServer(new PortalFactory { EnvironmentName = "Production" });
        portal.Settings["Twilio:Mode"] = "Emulator";
        using var client = portal.CreateBrowserClient();

        Assert.NotNull(portal.Services.GetService<TwilioEmulator>());
        Assert.True(portal.Services.GetRequiredService<TwilioAccount>().IsEmulated);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/softphone")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(CallUrl)).StatusCode); // the emulator's API, asking for its credentials
    }

    [Fact]
    public void Development_defaults_to_the_emulator_and_an_explicit_twilio_mode_there_needs_credentials()
    {
        using (var development = new PortalFactory())
        {
            development.CreateClient().Dispose();
            Assert.True(development.Services.GetRequiredService<TwilioAccount>().IsEmulated);
        }

        using var explicitTwilio = new PortalFactory();
        explicitTwilio.Settings["Twilio:Mode"] = "Twilio";
        var error = Assert.ThrowsAny<Exception>(() => explicitTwilio.CreateClient());
        Assert.Contains("Twilio:Mode is Twilio", string.Join(" ", Validation(error).Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_portal_assembly_holds_no_emulator_type_and_the_emulator_does_not_reference_the_portal()
    {
        var portal = typeof(Program).Assembly;
        var emulator = typeof(TwilioEmulator).Assembly;

        Assert.NotEqual(portal, emulator);
        Assert.Empty(portal.GetTypes().Where(t => t.Namespace?.StartsWith("VoiceAuth.Emulator", StringComparison.Ordinal) == true
            || t.Name.Contains("Softphone", StringComparison.Ordinal) || t.Name.Contains("Handset", StringComparison.Ordinal)
            || t.Name.Contains("TwilioEmulator", StringComparison.Ordinal)).Select(t => t.FullName));
        Assert.DoesNotContain(emulator.GetReferencedAssemblies(), a => a.Name == portal.GetName().Name);
        Assert.DoesNotContain(emulator.GetTypes(), t => t.Name is "ScriptedHandset" or "StandaloneTwilioEmulator" or "TwilioApiRedirectHandler");
    }

    private static readonly string CallUrl = $"/emulator/twilio/2010-04-01/Accounts/AC{new string('0', 32)}/Calls/CA{new string('0', 32)}.json";

    private static PortalFactory Production(string token = "real-token-0123456789")
    {
        var portal = WithMailServer(new PortalFactory { EnvironmentName = "Production" });
        portal.Settings["Twilio:AccountSid"] = "AC" + new string('1', 32);
        portal.Settings["Twilio:AuthToken"] = token;
        portal.Settings["Twilio:FromNumber"] = "+15017122661";
        portal.Settings["Twilio:PublicBaseUrl"] = "https://voiceauth.example.com";
        return portal;
    }

    /// <summary>Outside Development the portal also needs a mail server: configured, so that only Twilio is under test.</summary>
    private static PortalFactory WithMailServer(PortalFactory portal)
    {
        portal.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        portal.Settings["Mail:LinkBaseUrl"] = "https://voiceauth.example.com";
        return portal;
    }

    private static OptionsValidationException Validation(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
            {
                return validation;
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected an OptionsValidationException, got: {error}");
    }
}
