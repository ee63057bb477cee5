using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Features.Voiceprints;

internal static class VoiceprintsExtensions
{
    /// <summary>The "My voiceprint" page and its backend.</summary>
    public static WebApplicationBuilder AddVoiceprints(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IVoiceprintActions, VoiceprintActions>();
        builder.Services.AddSingleton<IPersonalDataSource, VoicePersonalData>();
        return builder;
    }
}
