using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Realtime;

internal static class RealtimeExtensions
{
    /// <summary>SignalR for live progress (the hub for pages and apps; Blazor circuits use it underneath too).</summary>
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<SessionNotifier>();
        builder.Services.AddSingleton<ISessionUpdatePublisher>(sp =>
            (ISessionUpdatePublisher?)sp.GetService<ISessionUpdateBackplane>() ?? ActivatorUtilities.CreateInstance<SessionUpdatePublisher>(sp));
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<VerificationHub>(VerificationHub.Path);
        return app;
    }
}
