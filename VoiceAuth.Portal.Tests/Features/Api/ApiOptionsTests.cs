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
