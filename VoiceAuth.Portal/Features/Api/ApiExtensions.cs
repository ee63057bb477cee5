using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Features.Api.Clients;

namespace VoiceAuth.Portal.Features.Api;

internal static class ApiExtensions
{
    /// <summary>The verification API for other applications' login pages (see docs/api.md) and its clients.</summary>
    public static WebApplicationBuilder AddVerificationApi(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions(ApiOptions.Section, new ApiOptionsValidator());
        builder.Services.AddSingleton<ApiClientAuthenticator>();
        builder.Services.AddSingleton<ApiClientAdmin>();
        builder.Services.AddSingleton<ApiKeyFilter>();
        builder.Services.AddSingleton<ApiCallBudget>();
        builder.Services.AddSingleton<ApiStartRefusals>();
        builder.Services.AddOpenApi(ApiDocument.Name, ApiDocument.Configure);
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapVerificationApi();
        app.MapOpenApi("/api/{documentName}/openapi.json");
        return app;
    }
}
