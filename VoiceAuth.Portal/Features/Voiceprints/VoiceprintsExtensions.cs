using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Features.Voiceprints;

internal static class VoiceprintsExtensions
{
    /// <summary>The "My voiceprint" page and its backend, encrypted voiceprint storage and deletion.</summary>
    public static WebApplicationBuilder AddVoiceprints(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<VoiceprintStore>();
        builder.Services.AddSingleton<VoiceprintDeletion>();
        // After Verification's eraser (Program.cs adds Verification first): the voiceprint goes last.
        builder.Services.AddSingleton<IPersonalDataEraser>(sp => sp.GetRequiredService<VoiceprintDeletion>());
        builder.Services.AddSingleton<IVoiceprintActions, VoiceprintActions>();
        builder.Services.AddSingleton<IPersonalDataSource, VoicePersonalData>();
        return builder;
    }
}
