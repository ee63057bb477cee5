using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Audit;

public sealed class AuditExportTests : IDisposable
{
    private readonly PortalFactory portal = new();

    [Fact]
    public async Task An_admin_exports_the_search_as_csv_with_formula_cells_neutralised()
    {
        await portal.CreateUserAsync("boss@example.com", roles: [Roles.Admin, Roles.User]);
        var log = portal.Services.GetRequiredService<IAuditLog>();
        await log.RecordAsync(new AuditEvent(AuditKind.AdminUnlock, "victim", "Succeeded") { SubjectEmail = "=HYPERLINK(\"evil\")" }, CancellationToken.None);
        await log.RecordAsync(new AuditEvent(AuditKind.AccountDeleted, "other", "Succeeded"), CancellationToken.None);
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("boss@example.com");

        var response = await client.GetAsync("/admin/audit.csv?kind=AdminUnlock");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditCsv.Header, lines[0].TrimEnd('\r'));
        var row = Assert.Single(lines[1..]);
        Assert.Contains("\"'=HYPERLINK(\"\"evil\"\")\"", row, StringComparison.Ordinal);
        Assert.Contains("\"AdminUnlock\"", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("plain, \"quoted\"", "\"plain, \"\"quoted\"\"\"")]
    [InlineData(null, "")]
    public void Cells_are_quoted_and_formulas_neutralised(string? value, string expected) => Assert.Equal(expected, AuditCsv.Cell(value));

    public void Dispose() => portal.Dispose();
}
