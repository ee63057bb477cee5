using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;

namespace VoiceAuth.Portal.Tests.Biometrics;

public sealed class BiometricsExtensionsTests
{
    private static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder.AddBiometrics().Build();
    }

    [Fact]
    public void RegistersTheLocalEngineByDefault()
    {
        using var app = Build();
        var engine = app.Services.GetRequiredService<IVoiceBiometrics>();
        Assert.Equal("local", engine.Engine);
        Assert.Equal(3, engine.RequiredEnrollments);
        Assert.Equal(VerificationMode.TextDependent, app.Services.GetRequiredService<IOptions<LocalEngineOptions>>().Value.Mode);
    }

    [Fact]
    public void BindsSettingsFromBiometricsLocal()
    {
        using var app = Build(("Biometrics:Local:Mode", "TextIndependent"), ("Biometrics:Local:Threshold", "70"));
        var options = app.Services.GetRequiredService<IOptions<LocalEngineOptions>>().Value;
        Assert.Equal((VerificationMode.TextIndependent, 70), (options.Mode, options.Threshold));
    }

    [Theory]
    [InlineData("Biometrics:Local:Threshold", "101", "Biometrics:Local:Threshold must be between 0 and 100")]
    [InlineData("Biometrics:Local:Passphrase", "hello", "Biometrics:Local:Passphrase must have at least 3 words")]
    [InlineData("Biometrics:Local:ReplaySimilarity", "0.2", "Biometrics:Local:ReplaySimilarity must be between 0.5 and 1")]
    public async Task RefusesToStartWithInvalidSettingsNamingTheKey(string key, string value, string message)
    {
        using var app = Build((key, value));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAnUnknownProvider()
    {
        using var app = Build(("Biometrics:Provider", "Nope"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Biometrics:Provider must be Local or VoiceIt (was 'Nope')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectsVoiceItByConfiguration()
    {
        using var app = Build(("Biometrics:Provider", "VoiceIt"),
            ("Biometrics:VoiceIt:ApiKey", "key_" + new string('a', 32)), ("Biometrics:VoiceIt:ApiToken", "tok_" + new string('b', 32)));

        Assert.Equal("voiceit", app.Services.GetRequiredService<IVoiceBiometrics>().Engine);
    }

    [Fact]
    public void AnEngineSwitchInConfigurationTakesEffectWithoutARestartWhenBothEnginesWereSetUp()
    {
        using var app = Build(("Biometrics:VoiceIt:ApiKey", "key_" + new string('a', 32)), ("Biometrics:VoiceIt:ApiToken", "tok_" + new string('b', 32)));
        var engines = app.Services.GetRequiredService<BiometricEngines>();
        Assert.Equal("local", engines.Active.Engine);

        app.Configuration["Biometrics:Provider"] = "VoiceIt"; // what the admin settings' reload does

        Assert.Equal("voiceit", engines.Active.Engine);
        app.Configuration["Biometrics:Provider"] = "Local";
        Assert.Equal("local", engines.Active.Engine);
    }

    [Fact]
    public void WithoutVoiceItCredentialsOnlyTheLocalEngineIsThere()
    {
        using var app = Build();
        var engines = app.Services.GetRequiredService<BiometricEngines>();

        app.Configuration["Biometrics:Provider"] = "VoiceIt";

        Assert.Null(engines.Find("voiceit"));
        Assert.Equal("local", engines.Active.Engine);
    }

    [Fact]
    public async Task VoiceItWithoutCredentialsRefusesToStartNamingTheKey()
    {
        using var app = Build(("Biometrics:Provider", "VoiceIt"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Biometrics:VoiceIt:ApiKey", error.Message, StringComparison.Ordinal);
    }
}
