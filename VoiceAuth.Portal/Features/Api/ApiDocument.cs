using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VoiceAuth.Portal.Features.Api;

/// <summary>
/// The API's OpenAPI description at <c>/api/v1/openapi.json</c>, for the developers of the applications that
/// integrate with it (client generators, API explorers). It covers the <c>/api</c> endpoints only — not the portal's pages.
/// </summary>
internal static class ApiDocument
{
    public const string Name = "v1";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "VoiceAuth verification API",
                Version = "v1",
                Description = "Gate your application's sign-in on a VoiceAuth phone callback: start a verification, follow it, redeem a pass once.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The key VoiceAuth's operator issued for your application (admin console, or Api:Clients).",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
            return Task.CompletedTask;
        });
    }
}
