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
