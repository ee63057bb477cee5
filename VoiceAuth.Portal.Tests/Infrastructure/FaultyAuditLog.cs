using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>
/// The real audit log, except that it stages an entry the database refuses for one kind: whatever the entry was to
/// commit with fails too. <see cref="IAuditLog.RecordAsync"/> (an entry written on its own) is left alone.
/// </summary>
public sealed class FaultyAuditLog
{
    public AuditKind? FailOn { get; set; }

    /// <summary>Puts this in place of the portal's audit log.</summary>
    public void Install(PortalFactory portal) => portal.TestServices.Add(services =>
    {
        var real = services.Single(d => d.ServiceType == typeof(IAuditLog));
        services.Remove(real);
        services.AddSingleton<IAuditLog>(sp => new Log(this, (IAuditLog)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
    });

    private sealed class Log(FaultyAuditLog owner, IAuditLog real) : IAuditLog
    {
        public void Add(AppDbContext db, AuditEvent auditEvent)
        {
            real.Add(db, auditEvent);
            if (auditEvent.Kind == owner.FailOn)
            {
                db.AuditEntries.Add(new AuditEntry { Kind = auditEvent.Kind, Outcome = null! }); // NOT NULL: the save fails
            }
        }

        public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => real.RecordAsync(auditEvent, cancellationToken);
    }
}
