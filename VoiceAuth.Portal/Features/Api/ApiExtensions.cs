using VoiceAuth.Portal.Configuration;

namespace VoiceAuth.Portal.Features.Api;

internal static class ApiExtensions
{
    /// <summary>The verification API for other applications' login pages (see docs/api.md).</summary>
    public static WebApplicationBuilder AddVerificationApi(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions(ApiOptions.Section, new ApiOptionsValidator());
        builder.Services.AddSingleton<ApiKeyFilter>();
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapVerificationApi();
        return app;
    }
}
