using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

public static class VoiceItExtensions
{
    /// <summary>
    /// The VoiceIt API 2 engine: options from <c>Biometrics:VoiceIt</c> (validated when the host starts, messages
    /// naming the key), a typed <see cref="HttpClient"/> with the base URL and Basic credentials, and the provider as
    /// <see cref="IVoiceBiometrics"/> — also keyed by its engine name <c>voiceit</c>, so that voiceprints made by
    /// VoiceIt can still be deleted after an operator switches engines.
    /// </summary>
    public static IServiceCollection AddVoiceItBiometrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<VoiceItOptions>()
            .Bind(configuration.GetSection(VoiceItOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<VoiceItOptions>, VoiceItOptionsValidator>();

        services.AddHttpClient<VoiceItApi>(VoiceItApi.HttpClientName, (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<VoiceItOptions>>().Value;
            // A trailing slash keeps a base URL's own path (a proxy prefix) when relative paths are resolved.
            client.BaseAddress = new Uri(options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ApiKey}:{options.ApiToken}")));
            client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("VoiceAuth", "1.0"));
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            // Each attempt has its own deadline (RequestTimeout); the client-wide one would cut across retries.
            client.Timeout = Timeout.InfiniteTimeSpan;
        })
        // The factory's own request logs print URIs, and VoiceIt URIs hold userIds; VoiceItLog says what matters.
        .RemoveAllLoggers()
        .AddResilienceHandler(VoiceItResilience.PipelineName, (pipeline, context) => VoiceItResilience.Configure(pipeline,
            context.ServiceProvider.GetRequiredService<IOptions<VoiceItOptions>>().Value,
            context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<VoiceItApi>()));

        services.AddTransient<VoiceItBiometrics>();
        services.AddTransient<IVoiceBiometrics>(provider => provider.GetRequiredService<VoiceItBiometrics>());
        services.AddKeyedTransient<IVoiceBiometrics>(VoiceItVoiceprint.Engine,
            (provider, _) => provider.GetRequiredService<VoiceItBiometrics>());
        return services;
    }
}
