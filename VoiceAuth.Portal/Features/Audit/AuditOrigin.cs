using System.Security.Claims;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>
/// Who is acting from an interactive page, and from which address: a circuit has no HTTP request per event, so the
/// address is taken once, from the request that rendered the page (after the forwarded-headers middleware), and
/// handed to the circuit as a protected root-component parameter. One per circuit (scoped);
/// <see cref="AuditCircuitHandler"/> makes it <see cref="Current"/> while the circuit handles an event.
/// </summary>
public sealed class AuditOrigin
{
    private static readonly AsyncLocal<AuditOrigin?> current = new();

    /// <summary>The circuit whose event is being handled on this async flow, or null (an HTTP request, a background job).</summary>
    public static AuditOrigin? Current
    {
        get => current.Value;
        internal set => current.Value = value;
    }

    /// <summary>The browser's address when the page was loaded.</summary>
    public string? Ip { get; set; }

    /// <summary>The circuit's signed-in user (refreshed at each event).</summary>
    public ClaimsPrincipal? User { get; set; }
}
