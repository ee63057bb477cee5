using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Features.Oidc;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Oidc;

public sealed class OidcOptionsTests
{
    private static OidcOptions Valid() => new()
    {
        Clients =
        [
            new OidcClientOptions
            {
                ClientId = "shop", ClientSecret = new string('s', 32), DisplayName = "Sample Shop",
                RedirectUris = ["https://shop.example/signin-oidc"],
            },
        ],
    };

    [Fact]
    public void A_complete_client_is_accepted() =>
        Assert.True(new OidcOptionsValidator([]).Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData("ClientSecret", "short", "Oidc:Clients:0:ClientSecret")]
    [InlineData("ClientId", "has space", "Oidc:Clients:0:ClientId")]
    [InlineData("DisplayName", "", "Oidc:Clients:0:DisplayName")]
    [InlineData("RedirectUri", "https://shop.example/cb#fragment", "Oidc:Clients:0")]
    [InlineData("RedirectUri", "/relative", "Oidc:Clients:0")]
    [InlineData("Scope", "admin", "Oidc:Clients:0:Scopes")]
    public void A_bad_client_setting_is_refused_naming_the_key(string field, string value, string named)
    {
        var options = Valid();
        var client = options.Clients[0];
        switch (field)
        {
            case "ClientSecret": client.ClientSecret = value; break;
            case "ClientId": client.ClientId = value; break;
            case "DisplayName": client.DisplayName = value; break;
            case "RedirectUri": client.RedirectUris = [value]; break;
            case "Scope": client.Scopes = [value]; break;
        }

        var result = new OidcOptionsValidator([]).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_display_name_that_is_also_an_API_client_name_is_refused()
    {
        var options = Valid();
        options.Clients[0].DisplayName = "intranet";

        var result = new OidcOptionsValidator(["Intranet"]).Validate(null, options);

        Assert.Contains("Oidc:Clients:0:DisplayName", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_client_stops_the_portal_at_start_up_naming_the_key()
    {
        using var factory = new PortalFactory();
        OidcClients.Register(factory);
        factory.Settings["Oidc:Clients:1:ClientSecret"] = "too-short";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Oidc:Clients:1:ClientSecret", error.ToString(), StringComparison.Ordinal);
    }
}
