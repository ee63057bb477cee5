using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Health;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_names_every_check_and_answers_200_on_a_working_portal()
    {
        using var portal = new PortalFactory();

        var (status, checks) = await GetAsync(portal.CreateClient(), "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var check in new[] { "database", "migrations", "engine", "twilio" })
        {
            Assert.Equal("Healthy", checks.GetProperty(check).GetString());
        }
    }

    [Fact]
    public async Task Ready_answers_503_while_the_database_is_unreachable_and_200_once_it_is_back_while_live_stays_200()
    {
        using var portal = new PortalFactory();
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/ready")).Status);

        // The SQLite file's folder disappears: pooled connections are closed and no new one can open.
        var away = portal.Directory + ".away";
        Directory.Move(portal.Directory, away);
        try
        {
            SqliteConnection.ClearAllPools();
            var (status, checks) = await GetAsync(client, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", checks.GetProperty("database").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Move(away, portal.Directory);
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/ready")).Status);
    }

    /// <summary>Degraded (Twilio unreachable) keeps an instance in rotation; only a check marked as starting holds it back.</summary>
    [Fact]
    public async Task A_degraded_check_keeps_ready_at_200_unless_it_is_marked_as_starting()
    {
        var starting = false;
        using var portal = new PortalFactory();
        portal.TestServices.Add(services => services.AddHealthChecks().AddCheck("carrier", () =>
            HealthCheckResult.Degraded("slow", data: starting ? VoiceAuth.Portal.Health.HealthExtensions.Starting : null)));
        var client = portal.CreateClient();

        var (status, checks) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", checks.GetProperty("carrier").GetString());

        starting = true;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(client, "/health/ready")).Status);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Checks)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("checks").Clone());
    }
}
