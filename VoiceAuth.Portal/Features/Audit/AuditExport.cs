using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>GET /admin/audit.csv: the search as a CSV download, written row by row as the database returns them.</summary>
internal static class AuditExport
{
    public const string Path = "/admin/audit.csv";

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, WriteAsync).RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext http, AuditSearch search, TimeProvider clock, [FromQuery] string? person, [FromQuery] AuditKind? kind,
        [FromQuery] string? outcome, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{clock.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, leaveOpen: true);
        await writer.WriteLineAsync(AuditCsv.Header);
        var rows = 0;
        await foreach (var entry in search.StreamAsync(new AuditQuery(person, kind, outcome, from, to), http.RequestAborted))
        {
            await writer.WriteLineAsync(AuditCsv.Line(entry));
            if (++rows % 1000 == 0)
            {
                await writer.FlushAsync(http.RequestAborted); // keep memory flat: hand each thousand rows to the client
            }
        }
    }
}
