using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>
/// Fills in what every entry needs (time from the injected clock; IP and actor from the current HTTP request when
/// there is one) and stages the row on the caller's context.
/// </summary>
internal sealed partial class AuditLog(
    IDbContextFactory<AppDbContext> dbFactory,
    IHttpContextAccessor http,
    TimeProvider clock,
    ILogger<AuditLog> logger) : IAuditLog
{
    public void Add(AppDbContext db, AuditEvent auditEvent)
    {
        // An interactive page's event: the circuit's origin (its HttpContext, if any, is some other request's).
        var circuit = auditEvent.Detached ? null : AuditOrigin.Current;
        var request = auditEvent.Detached || circuit is not null ? null : http.HttpContext;
        var user = circuit?.User ?? request?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Kind = auditEvent.Kind,
            Outcome = Clip(auditEvent.Outcome, 32)!,
            ActorUserId = auditEvent.ActorUserId ?? (signedIn ? user!.FindFirstValue(ClaimTypes.NameIdentifier) : null),
            ActorEmail = Clip(auditEvent.ActorEmail ?? (signedIn ? user!.Identity!.Name : null), 256),
            SubjectUserId = auditEvent.SubjectUserId,
            SubjectEmail = Clip(auditEvent.SubjectEmail, 256),
            ScoreBand = auditEvent.ScoreBand,
            // After the forwarded-headers middleware: the client's address behind a trusted proxy, never a header's claim.
            Ip = Clip(auditEvent.Ip ?? circuit?.Ip ?? request?.Connection.RemoteIpAddress?.ToString(), 45),
            Application = Clip(auditEvent.Application, 64),
            Detail = Clip(auditEvent.Detail, AuditEntry.DetailMaxLength),
        });
        LogAudited(auditEvent.Kind, auditEvent.Outcome);
    }

    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Add(db, auditEvent);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Clip(string? value, int max) => value is { Length: var n } && n > max ? value[..max] : value;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit: {Kind} {Outcome}.")]
    private partial void LogAudited(AuditKind kind, string outcome);
}
