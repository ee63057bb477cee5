using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Audit;

/// <summary>
/// A refused API start is audited for the administrator with its reason and the application, while the answer to
/// the application stays the merged one; a client hammering the API writes one entry a minute per reason, with a count.
/// </summary>
public sealed class ApiStartRefusalAuditTests : IDisposable
{
    private const string ShopKey = "shop-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private const string OtherKey = "other-key-0123456789abcdefghijklmnopqrstuvwxy";
    private readonly PhoneFlowHarness portal = new();
    private readonly ShiftedClock clock = new();

    public ApiStartRefusalAuditTests()
    {
        portal.Settings["Api:Clients:0:Name"] = "shop";
        portal.Settings["Api:Clients:0:Key"] = ShopKey;
        portal.Settings["Api:Clients:1:Name"] = "other";
        portal.Settings["Api:Clients:1:Key"] = OtherKey;
        portal.TestServices.Add(services => services.AddSingleton<TimeProvider>(clock));
    }

    private HttpClient Api(string key = ShopKey)
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private Task<HttpResponseMessage> StartAsync(string email, string key = ShopKey) =>
        Api(key).PostAsJsonAsync("/api/v1/verifications", new { email });

    private Task<List<AuditEntry>> RefusalsAsync() => portal.WithDbAsync(db =>
        db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKind.ApiStart).OrderBy(e => e.Id).ToListAsync());

    /// <summary>What the application sees: the status and every property of the problem except the per-request trace id.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var properties = problem.RootElement.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value.GetRawText()}");
        return $"{(int)response.StatusCode} {string.Join(",", properties)} {response.Content.Headers.ContentType}";
    }

    [Fact]
    public async Task The_merged_no_one_to_call_refusals_are_told_apart_in_the_trail_but_not_in_the_answer()
    {
        await portal.CreateCallerAsync("notenrolled@example.com");
        var unconfirmed = await portal.CreateCallerAsync("unconfirmed@example.com", enrolled: true);
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == unconfirmed).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));

        var answers = new List<string>();
        foreach (var email in new[] { "nobody@example.com", "unconfirmed@example.com", "notenrolled@example.com" })
        {
            answers.Add(await AnswerAsync(await StartAsync(email)));
        }

        Assert.Single(answers.Distinct());
        Assert.StartsWith("404 ", answers[0], StringComparison.Ordinal);
        var entries = await RefusalsAsync();
        Assert.Equal(["UnknownAccount", "EmailNotConfirmed", "NotEnrolled"], entries.Select(e => e.Detail));
        Assert.All(entries, e => Assert.Equal(("Refused", "shop"), (e.Outcome, e.Application)));
        Assert.Equal((null, null), (entries[0].SubjectUserId, entries[0].SubjectEmail)); // an address without an account is not kept
        Assert.Equal(unconfirmed, entries[1].SubjectUserId);
        Assert.Equal("notenrolled@example.com", entries[2].SubjectEmail);
    }

    [Fact]
    public async Task A_conflict_is_recorded_for_the_application_that_was_refused()
    {
        var user = await portal.CreateCallerAsync("busy@example.com", enrolled: true);
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("busy@example.com")).StatusCode);

        var refused = await StartAsync("busy@example.com", OtherKey);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var entry = Assert.Single(await RefusalsAsync());
        Assert.Equal(("Refused", "other", "CallUnderWay", user), (entry.Outcome, entry.Application, entry.Detail, entry.SubjectUserId));
    }

    [Fact]
    public async Task A_client_hammering_past_its_budget_writes_one_entry_a_minute_with_the_count_of_the_rest()
    {
        portal.Settings["Api:CallsPerMinute"] = "1";
        await StartAsync("nobody@example.com"); // spends the minute's budget

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await StartAsync("nobody@example.com")).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(["UnknownAccount", "CallBudget"], (await RefusalsAsync()).Select(e => e.Detail));

        clock.Offset = TimeSpan.FromSeconds(61); // the audit's minute; the limiter keeps its own time and still refuses
        Assert.Equal(HttpStatusCode.TooManyRequests, (await StartAsync("nobody@example.com")).StatusCode);

        var budget = (await RefusalsAsync()).Where(e => e.Detail!.StartsWith("CallBudget", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, budget.Count);
        Assert.StartsWith("CallBudget; 19 more since ", budget[1].Detail, StringComparison.Ordinal);
        Assert.All(budget, e => Assert.Equal(("Refused", "shop", null), (e.Outcome, e.Application, e.SubjectUserId)));
    }

    public void Dispose() => portal.Dispose();
}
