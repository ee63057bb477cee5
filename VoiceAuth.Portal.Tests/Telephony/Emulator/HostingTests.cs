using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class HostingTests
{
    private static WebApplication Host(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTwilioEmulator();
        var app = builder.Build();
        app.MapTwilioEmulator();
        return app;
    }

    [Fact]
    public async Task Embedded_the_api_is_mapped_under_the_prefix_and_the_sdk_reaches_it_through_the_redirect_handler()
    {
        await using var app = Host(new() { ["Twilio:Emulator:AuthToken"] = "embedded-token-0123456789" });
        await app.StartAsync();
        await using var portal = new FakePortal();
        var emulator = app.Services.GetRequiredService<TwilioEmulator>();
        emulator.UsePortalHandler(portal.Handler);
        emulator.Handsets.Register(EmulatorHarness.Callee, new ScriptedHandset());
        portal.Twiml("/voice", "<Say>Embedded.</Say>");
        using var http = new System.Net.Http.HttpClient(new TwilioApiRedirectHandler(new Uri("http://localhost/emulator/twilio/"))
        {
            InnerHandler = app.GetTestServer().CreateHandler(),
        });
        var client = new TwilioRestClient(emulator.AccountSid, emulator.AuthToken, httpClient: new SystemNetHttpClient(http));

        var created = await CallResource.CreateAsync(new PhoneNumber(EmulatorHarness.Callee), new PhoneNumber("+15005550006"),
            url: new Uri(FakePortal.BaseUrl + "/voice"), client: client);
        var call = await emulator.WaitForCallAsync(created.Sid, TimeSpan.FromSeconds(10));

        Assert.Equal(["Embedded."], call.Said);
        using var direct = app.GetTestClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync($"/emulator/twilio/2010-04-01/Accounts/{emulator.AccountSid}/Calls/{created.Sid}.json")).StatusCode);
    }

    [Fact]
    public async Task A_named_http_client_reaches_the_embedded_emulator_in_process()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Twilio:Emulator:AuthToken"] = "embedded-token-0123456789" });
        builder.AddTwilioEmulator();
        builder.Services.AddHttpClient("twilio").UseEmbeddedTwilioEmulator();
        await using var app = builder.Build();
        var emulator = app.Services.GetRequiredService<TwilioEmulator>();
        var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("twilio");
        var client = new TwilioRestClient(emulator.AccountSid, emulator.AuthToken, httpClient: new SystemNetHttpClient(http));

        var error = await Assert.ThrowsAsync<Twilio.Exceptions.ApiException>(() => CallResource.FetchAsync("CA" + new string('0', 32), client: client));

        Assert.Equal(20404, error.Code); // answered by the emulator, not by api.twilio.com
    }

    [Fact]
    public void An_unset_auth_token_is_random_per_emulator()
    {
        using var a = Host([]);
        using var b = Host([]);

        var first = a.Services.GetRequiredService<TwilioEmulator>().AuthToken;
        Assert.Equal(32, first.Length);
        Assert.NotEqual(first, b.Services.GetRequiredService<TwilioEmulator>().AuthToken);
    }

    [Theory]
    [InlineData("Twilio:Emulator:AccountSid", "AC123", "Twilio:Emulator:AccountSid")]
    [InlineData("Twilio:Emulator:AuthToken", "short", "Twilio:Emulator:AuthToken")]
    [InlineData("Twilio:Emulator:PhoneNumbers:0", "5005550006", "Twilio:Emulator:PhoneNumbers")]
    [InlineData("Twilio:Emulator:PathPrefix", "emulator/", "Twilio:Emulator:PathPrefix")]
    [InlineData("Twilio:Emulator:WebhookTimeoutSeconds", "0", "Twilio:Emulator:WebhookTimeoutSeconds")]
    [InlineData("Twilio:Emulator:Faults:RecordingNotFoundFetches", "-1", "Twilio:Emulator:Faults:RecordingNotFoundFetches")]
    [InlineData("Twilio:Emulator:RecordingUrlBase", "api.twilio.com", "Twilio:Emulator:RecordingUrlBase")]
    public void Invalid_settings_stop_start_up_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Host(new() { [key] = value }));

        Assert.Contains(named, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new TwilioEmulatorOptionsValidator().Validate(null, new TwilioEmulatorOptions()).Succeeded);
    }
}
