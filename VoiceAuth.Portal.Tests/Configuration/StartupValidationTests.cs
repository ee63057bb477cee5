using System.Diagnostics;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Configuration;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Database:ConnectionString", "", "Database:ConnectionString")]
    [InlineData("Accounts:DefaultRegion", "Atlantis", "Accounts:DefaultRegion")]
    [InlineData("Accounts:MaxFailedSignIns", "0", "Accounts:MaxFailedSignIns")]
    [InlineData("Admin:Email", "not-an-address", "Admin:Email")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/33", "Proxy:KnownNetworks:0")]
    [InlineData("Proxy:KnownProxies:0", "proxy.local", "Proxy:KnownProxies:0")]
    [InlineData("Mail:From", "nobody", "Mail:From")]
    [InlineData("Mail:Smtp:Host", "smtp.example.com", "Mail:LinkBaseUrl")]
    public void Invalid_configuration_stops_start_up_naming_the_key(string key, string value, string named)
    {
        using var factory = new PortalFactory();
        factory.Settings[key] = value;

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = FindValidationError(error);
        Assert.Contains(named, string.Join(" ", validation.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_email_without_a_password_for_a_new_account_stops_start_up()
    {
        using var factory = new PortalFactory();
        factory.Settings["Admin:Email"] = "root@example.com";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Admin:Password", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_admin_is_created_with_both_roles()
    {
        using var factory = new PortalFactory();
        factory.Settings["Admin:Email"] = "root@example.com";
        factory.Settings["Admin:Password"] = "Very-Secret-42";

        var client = factory.CreateBrowserClient();
        await client.SignInAsync("root@example.com", "Very-Secret-42");

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public void Every_wrong_section_is_reported_in_one_start()
    {
        using var factory = new PortalFactory();
        factory.Settings["Mail:From"] = "nobody";
        factory.Settings["Accounts:MaxFailedSignIns"] = "0";
        factory.Settings["Biometrics:Provider"] = "Nope";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains("Mail:From", error, StringComparison.Ordinal);
        Assert.Contains("Accounts:MaxFailedSignIns", error, StringComparison.Ordinal);
        Assert.Contains("Biometrics:Provider", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_process_missing_mail_and_twilio_names_both_in_one_run()
    {
        var directory = Directory.CreateTempSubdirectory("voiceauth-settings-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                WorkingDirectory = directory,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(directory, "portal.db")}";
            start.Environment["DataProtection__KeysPath"] = Path.Combine(directory, "keys");
            foreach (var key in new[] { "Mail__Smtp__Host", "Mail__LinkBaseUrl", "Twilio__Mode", "Twilio__AccountSid", "Twilio__AuthToken", "Twilio__FromNumber", "Twilio__PublicBaseUrl" })
            {
                start.Environment.Remove(key);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

            Assert.NotEqual(0, process.ExitCode);
            var said = await output + await errors;
            Assert.Contains("Mail:Smtp:Host is required outside Development", said, StringComparison.Ordinal);
            Assert.Contains("Twilio:AccountSid", said, StringComparison.Ordinal);
            Assert.Contains("Twilio:PublicBaseUrl", said, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static OptionsValidationException FindValidationError(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
            {
                return validation;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected an OptionsValidationException, got: {error}");
    }
}
