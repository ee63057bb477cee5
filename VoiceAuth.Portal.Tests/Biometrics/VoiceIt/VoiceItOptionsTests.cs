using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.VoiceIt;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

public sealed class VoiceItOptionsTests
{
    private static readonly Uri StubUrl = new("http://127.0.0.1:5999/");

    [Fact]
    public void Defaults_follow_the_contract()
    {
        var options = new VoiceItOptions();

        Assert.Equal("en-US", options.ContentLanguage);
        Assert.Equal("Never forget tomorrow is a new day", options.Phrase);
        Assert.Equal(new Uri("https://api.voiceit.io"), options.BaseUrl);
        Assert.Equal(3, options.MaxAttempts);
    }

    [Theory]
    [InlineData("ApiKey", "", "Biometrics:VoiceIt:ApiKey must look like key_ followed by 32 characters")]
    [InlineData("ApiKey", "key_tooShort", "Biometrics:VoiceIt:ApiKey must look like key_ followed by 32 characters")]
    [InlineData("ApiToken", "key_0123456789abcdef0123456789abcdef", "Biometrics:VoiceIt:ApiToken must look like tok_ followed by 32 characters")]
    [InlineData("ContentLanguage", "English", "Biometrics:VoiceIt:ContentLanguage")]
    [InlineData("Phrase", " ", "Biometrics:VoiceIt:Phrase")]
    [InlineData("BaseUrl", "http://api.voiceit.io", "Biometrics:VoiceIt:BaseUrl must be an absolute https URL")]
    [InlineData("BaseUrl", "api.voiceit.io", "Biometrics:VoiceIt:BaseUrl")]
    [InlineData("RequestTimeout", "00:00:00", "Biometrics:VoiceIt:RequestTimeout")]
    [InlineData("MaxAttempts", "0", "Biometrics:VoiceIt:MaxAttempts must be between 1 and 10")]
    [InlineData("RetryMaxDelay", "00:00:00", "Biometrics:VoiceIt:RetryMaxDelay")]
    [InlineData("MaxRecordingBytes", "10", "Biometrics:VoiceIt:MaxRecordingBytes")]
    public async Task Invalid_settings_stop_the_host_naming_the_key(string key, string value, string message)
    {
        using var host = Host(new() { [$"Biometrics:VoiceIt:{key}"] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, failure => failure.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secrets_are_never_echoed_in_validation_messages()
    {
        const string nearMissToken = "tok_secret-but-not-quite-right";
        using var host = Host(new() { ["Biometrics:VoiceIt:ApiToken"] = nearMissToken });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.DoesNotContain(nearMissToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_settings_start_and_register_the_provider_plain_and_keyed_by_engine()
    {
        using var host = Host([]);

        await host.StartAsync();

        Assert.Equal("voiceit", host.Services.GetRequiredService<IVoiceBiometrics>().Engine);
        Assert.Equal("voiceit", host.Services.GetRequiredKeyedService<IVoiceBiometrics>("voiceit").Engine);
        await host.StopAsync();
    }

    [Fact]
    public void Timeouts_and_back_off_bind_from_time_span_strings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Biometrics:VoiceIt:RequestTimeout"] = "00:00:07.5",
            ["Biometrics:VoiceIt:RetryBaseDelay"] = "00:00:00.250",
        }).Build();

        var options = configuration.GetSection(VoiceItOptions.Section).Get<VoiceItOptions>()!;

        Assert.Equal((TimeSpan.FromSeconds(7.5), TimeSpan.FromMilliseconds(250)), (options.RequestTimeout, options.RetryBaseDelay));
    }

    private static IHost Host(Dictionary<string, string?> overrides)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(VoiceItHarness.Settings(StubUrl, overrides));
        builder.Services.AddVoiceItBiometrics(builder.Configuration);
        return builder.Build();
    }
}
