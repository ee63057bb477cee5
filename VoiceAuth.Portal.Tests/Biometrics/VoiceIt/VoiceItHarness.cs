using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.VoiceIt;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

/// <summary>
/// A stub and the provider as the portal registers it (<see cref="VoiceItExtensions.AddVoiceItBiometrics"/>),
/// pointed at the stub, with a short back-off so that retry tests take milliseconds.
/// </summary>
internal sealed class VoiceItHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private VoiceItHarness(VoiceItStub stub, ServiceProvider services)
    {
        Stub = stub;
        this.services = services;
        Provider = services.GetRequiredService<IVoiceBiometrics>();
    }

    public VoiceItStub Stub { get; }

    public IVoiceBiometrics Provider { get; }

    public static async Task<VoiceItHarness> StartAsync(Dictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var stub = await VoiceItStub.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(stub.BaseUrl, settings)).Build();
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Trace);
                if (logs is not null)
                {
                    logging.AddProvider(logs);
                }
            })
            .AddVoiceItBiometrics(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return new VoiceItHarness(stub, services);
    }

    public static Dictionary<string, string?> Settings(Uri baseUrl, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Biometrics:VoiceIt:ApiKey"] = VoiceItStub.ApiKey,
            ["Biometrics:VoiceIt:ApiToken"] = VoiceItStub.ApiToken,
            ["Biometrics:VoiceIt:BaseUrl"] = baseUrl.ToString(),
            ["Biometrics:VoiceIt:RequestTimeout"] = "00:00:05",
            ["Biometrics:VoiceIt:RetryBaseDelay"] = "00:00:00.010",
            ["Biometrics:VoiceIt:RetryMaxDelay"] = "00:00:00.040",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A voiceprint for a user the stub already knows, with <paramref name="enrollments"/> accepted.</summary>
    public VoiceprintState EnrolledVoiceprint(int enrollments = 3) => new VoiceItVoiceprint(Stub.AddUser(enrollments), enrollments).ToState();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Stub.DisposeAsync();
    }
}
