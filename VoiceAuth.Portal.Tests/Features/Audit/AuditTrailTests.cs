using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Api;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Audit;

/// <summary>Each audited action writes exactly one entry, with the right person, outcome and application.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private const string ShopKey = "shop-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private readonly PhoneFlowHarness portal = new();

    public AuditTrailTests()
    {
        portal.Settings["Api:Clients:0:Name"] = "shop";
        portal.Settings["Api:Clients:0:Key"] = ShopKey;
    }

    private Task<List<AuditEntry>> EntriesAsync(AuditKind? kind = null) =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => kind == null || e.Kind == kind).OrderBy(e => e.Id).ToListAsync());

    private HttpClient Api()
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ShopKey);
        return client;
    }

    [Fact]
    public async Task A_call_writes_one_entry_when_it_starts_and_one_when_it_ends_with_its_score_band()
    {
        var user = await portal.CreateCallerAsync("call@example.com", enrolled: true);

        var (id, sid) = await portal.StartAsync(user, SessionPurpose.Verify);
        await portal.PassVerificationCallAsync(id, sid);

        var entries = await EntriesAsync();
        Assert.Equal([AuditKind.CallStarted, AuditKind.CallEnded], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(user, e.SubjectUserId));
        Assert.Equal("call@example.com", entries[0].SubjectEmail);
        Assert.Equal("Passed", entries[1].Outcome);
        Assert.Equal(ScoreBands.Describe((await portal.SessionAsync(id)).Score), entries[1].ScoreBand);
        Assert.NotNull(entries[1].ScoreBand);
        Assert.All(entries, e => Assert.DoesNotContain("5550123", $"{e.Detail}{e.Outcome}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task API_start_redeem_and_cancel_each_write_one_entry_naming_the_application()
    {
        await portal.CreateCallerAsync("api@example.com", enrolled: true);
        var started = await (await Api().PostAsJsonAsync("/api/v1/verifications", new { email = "api@example.com" })).Content.ReadFromJsonAsync<VerificationStatus>();
        var session = await portal.SessionAsync(started!.Id);
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);
        Assert.Equal(HttpStatusCode.OK, (await Api().PostAsync($"/api/v1/verifications/{started.Id}/redeem", null)).StatusCode);

        var second = await (await Api().PostAsJsonAsync("/api/v1/verifications", new { email = "api@example.com" })).Content.ReadFromJsonAsync<VerificationStatus>();
        Assert.Equal(HttpStatusCode.NoContent, (await Api().DeleteAsync($"/api/v1/verifications/{second!.Id}")).StatusCode);

        var entries = await EntriesAsync();
        Assert.Equal([AuditKind.CallStarted, AuditKind.CallEnded, AuditKind.ApiRedeem, AuditKind.CallStarted, AuditKind.CallEnded], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal("shop", e.Application));
        Assert.Equal("Succeeded", entries[2].Outcome);
        Assert.Equal("Canceled", entries[4].Outcome);
    }

    [Fact]
    public async Task Deleting_a_voiceprint_writes_one_entry()
    {
        var user = await portal.CreateCallerAsync("voice@example.com", enrolled: true);

        Assert.Null(await portal.Services.GetRequiredService<VoiceprintDeletion>().DeleteAsync(user, CancellationToken.None));

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((AuditKind.VoiceprintDeleted, "Succeeded", user), (entry.Kind, entry.Outcome, entry.SubjectUserId));
    }

    [Fact]
    public async Task Deleting_an_account_writes_one_entry_that_outlives_the_account()
    {
        var user = await portal.CreateCallerAsync("gone@example.com", enrolled: true);

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var account = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Id == user);
            Assert.Null(await accounts.DeleteAsync(account, CancellationToken.None));
        }

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((AuditKind.AccountDeleted, user, "gone@example.com"), (entry.Kind, entry.SubjectUserId, entry.SubjectEmail));
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user)));
    }

    [Fact]
    public async Task A_password_sign_in_writes_one_entry_with_its_outcome()
    {
        var user = await portal.CreateUserAsync("signin@example.com");

        await portal.CreateBrowserClient().SignInAsync("signin@example.com", "Wrong-Password-1");
        await portal.CreateBrowserClient().SignInAsync("signin@example.com");

        var entries = await EntriesAsync(AuditKind.SignInPassword);
        Assert.Equal(["Failed", "Succeeded"], entries.Select(e => e.Outcome));
        Assert.All(entries, e => Assert.Equal(user.Id, e.SubjectUserId));
    }

    [Fact]
    public async Task Voice_and_recovery_code_sign_ins_each_write_one_entry_after_the_password_step()
    {
        var user = await portal.CreateVoiceGatedAsync("second@example.com");
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("second@example.com");
        await client.SubmitFormAsync("/Account/LoginWithVoice", "voice-sign-in", new Dictionary<string, string>());
        var session = await portal.WithDbAsync(db => db.Sessions.SingleAsync());
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);
        await client.GetAsync($"/Account/LoginWithVoice/Complete?session={session.Id:N}");

        List<string> codes;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user))!, 1))!.ToList();
        }

        var other = portal.CreateBrowserClient();
        await other.SignInAsync("second@example.com");
        await other.SubmitFormAsync("/Account/LoginWithRecoveryCode", "recovery-code", new Dictionary<string, string> { ["Input.Code"] = codes[0] });

        var signIns = (await EntriesAsync()).Where(e => e.Kind is AuditKind.SignInPassword or AuditKind.SignInVoice or AuditKind.SignInRecoveryCode).ToList();
        Assert.Equal(
            [(AuditKind.SignInPassword, "SecondFactorRequired"), (AuditKind.SignInVoice, "Succeeded"), (AuditKind.SignInPassword, "SecondFactorRequired"), (AuditKind.SignInRecoveryCode, "Succeeded")],
            signIns.Select(e => (e.Kind, e.Outcome)));
        Assert.All(signIns, e => Assert.Equal(user, e.SubjectUserId));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_entry()
    {
        var user = await portal.CreateCallerAsync("guard@example.com", enrolled: true);
        await portal.Services.GetRequiredService<VoiceprintDeletion>().DeleteAsync(user, CancellationToken.None);

        var update = await Assert.ThrowsAsync<SqliteException>(() => portal.WithDbAsync(db =>
            db.AuditEntries.ExecuteUpdateAsync(u => u.SetProperty(e => e.Outcome, "Forged"))));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => portal.WithDbAsync(db => db.AuditEntries.ExecuteDeleteAsync()));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("retention", delete.Message, StringComparison.Ordinal);
        Assert.Equal("Succeeded", Assert.Single(await EntriesAsync()).Outcome);
    }

    [Fact]
    public async Task The_retention_sweep_deletes_only_entries_older_than_the_retention()
    {
        var now = DateTimeOffset.UtcNow;
        await portal.WithDbAsync(db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = now.AddDays(-500), Kind = AuditKind.AdminUnlock, Outcome = "Old" });
            db.AuditEntries.Add(new AuditEntry { At = now.AddDays(-10), Kind = AuditKind.AdminUnlock, Outcome = "Recent" });
            return db.SaveChangesAsync();
        });

        var swept = await portal.Services.GetServices<IHostedService>().OfType<AuditRetentionSweeper>().Single().SweepAsync(CancellationToken.None);

        Assert.Equal(1, swept);
        Assert.Equal("Recent", Assert.Single(await EntriesAsync()).Outcome);
    }

    public void Dispose() => portal.Dispose();
}
