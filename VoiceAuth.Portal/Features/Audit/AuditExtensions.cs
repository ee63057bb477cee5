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
        builder.Services.AddHostedService<AuditRetentionSweeper>();
        return builder;
    }
}
