namespace VoiceAuth.Portal.Features.Admin;

internal static class AdminExtensions
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AdminDirectory>();
        return builder;
    }
}
