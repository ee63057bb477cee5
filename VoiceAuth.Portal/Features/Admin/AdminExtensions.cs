namespace VoiceAuth.Portal.Features.Admin;

internal static class AdminExtensions
{
    /// <summary>The admin console: the accounts grid, an account's page and the actions on it, live calls, the dashboard (Admin role only).</summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AdminDirectory>();
        builder.Services.AddSingleton<AdminActions>();
        builder.Services.AddSingleton<LiveCalls>();
        builder.Services.AddSingleton<Dashboard.AdminDashboard>();
        return builder;
    }
}
