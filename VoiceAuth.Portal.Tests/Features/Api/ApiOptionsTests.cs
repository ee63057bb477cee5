using VoiceAuth.Portal.Features.Api;

namespace VoiceAuth.Portal.Tests.Features.Api;

public sealed class ApiOptionsTests
{
    [Fact]
    public void No_clients_is_valid_and_means_no_access()
    {
        Assert.True(new ApiOptionsValidator().Validate(null, new ApiOptions()).Succeeded);
    }

    [Fact]
    public void Short_keys_bad_names_and_duplicates_are_refused_naming_the_key()
    {
        var options = new ApiOptions
        {
            Clients =
            [
                new() { Name = "shop", Key = "short" },
                new() { Name = "bad name!", Key = new string('k', 40) },
                new() { Name = "SHOP", Key = new string('x', 40) },
            ],
        };

        var failures = new ApiOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Api:Clients:0:Key", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Api:Clients:1:Name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("unique", StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_match_exactly()
    {
        var client = new ApiClient { Name = "shop", Key = new string('k', 40) };

        Assert.True(client.Matches(new string('k', 40)));
        Assert.False(client.Matches(new string('k', 39)));
        Assert.False(client.Matches(""));
    }
}

/// <summary>The description integrators generate clients from: the API's operations only, with its key scheme.</summary>
public sealed class ApiDocumentTests : IDisposable
{
    private readonly VoiceAuth.Portal.Tests.Infrastructure.PortalFactory portal = new();

    [Fact]
    public async Task The_OpenAPI_document_lists_the_API_and_nothing_of_the_portal()
    {
        var response = await portal.CreateClient().GetAsync("/api/v1/openapi.json");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/v1/verifications", "/api/v1/verifications/{id}", "/api/v1/verifications/{id}/redeem"], paths.Order());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(["CancelVerification", "GetVerification", "RedeemVerification", "StartVerification"], operations.Order());
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
    }

    public void Dispose() => portal.Dispose();
}
