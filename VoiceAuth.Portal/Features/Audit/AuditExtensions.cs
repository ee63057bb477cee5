using Microsoft.AspNetCore.Components.Server.Circuits;
using VoiceAuth.Portal.Configuration;

namespace VoiceAuth.Portal.Features.Audit;

internal static class AuditExtensions
{
    /// <summary>The append-only audit trail every slice writes to (<see cref="IAuditLog"/>) and its retention sweeper.</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions(AuditOptions.Section, new AuditOptionsValidator());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IAuditLog, AuditLog>();
        builder.Services.AddSingleton<AuditSearch>();
        builder.Services.AddScoped<AuditOrigin>();
        builder.Services.AddScoped<CircuitHandler, AuditCircuitHandler>();
        builder.Services.AddHostedService<AuditRetentionSweeper>();
        return builder;
    }

    /// <summary>The audit trail's CSV export (the search page itself is a routed component).</summary>
    public static WebApplication MapAudit(this WebApplication app)
    {
        app.MapAuditExport();
        return app;
    }
}
