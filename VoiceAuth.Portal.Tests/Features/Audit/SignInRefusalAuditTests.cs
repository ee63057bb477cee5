using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Audit;

/// <summary>
/// A refused sign-in writes one entry, in the same save as the failed count (and lockout) it records: when the entry
/// cannot be written, the failure is not counted either. The typed password or code is never recorded.
/// </summary>
public sealed class SignInRefusalAuditTests : IDisposable
{
    private const string WrongPassword = "Wrong-Password-1";
    private readonly PhoneFlowHarness portal = new();
    private readonly FaultyAuditLog faulty = new();

    public SignInRefusalAuditTests()
    {
        portal.Settings["Accounts:MaxFailedSignIns"] = "3";
        faulty.Install(portal);
    }

    private Task<List<AuditEntry>> EntriesAsync(AuditKind kind) =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == kind).OrderBy(e => e.Id).ToListAsync());

    private Task<(int Count, DateTimeOffset? LockoutEnd)> LockoutAsync(string userId) =>
        portal.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => ValueTuple.Create(u.AccessFailedCount, u.LockoutEnd)).SingleAsync());

    private static string? Alert(string html) => HtmlForms.Parse(html).QuerySelector(".va-alert")?.TextContent.Trim();

    /// <summary>Posts <paramref name="submit"/>; a failed save may reach the client as an exception or as a 500.</summary>
    private static async Task<HttpStatusCode?> TryAsync(Func<Task<HttpResponseMessage>> submit)
    {
        try
        {
            return (await submit()).StatusCode;
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            return null;
        }
    }

    private static void AssertNothingTyped(IEnumerable<AuditEntry> entries, string typed) => Assert.All(entries, e =>
        Assert.DoesNotContain(typed, $"{e.Outcome}|{e.Detail}|{e.SubjectEmail}|{e.ActorEmail}|{e.Application}|{e.ScoreBand}", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task A_wrong_password_writes_one_failed_entry_and_counts_the_failure()
    {
        var user = await portal.CreateUserAsync("wrong@example.com");

        var response = await portal.CreateBrowserClient().SignInAsync("wrong@example.com", WrongPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await EntriesAsync(AuditKind.SignInPassword));
        Assert.Equal(("Failed", user.Id, "wrong@example.com"), (entry.Outcome, entry.SubjectUserId, entry.SubjectEmail));
        Assert.Equal(1, (await LockoutAsync(user.Id)).Count);
        AssertNothingTyped([entry], WrongPassword);
    }

    [Fact]
    public async Task When_the_refusal_entry_cannot_be_written_the_failure_is_not_counted_either()
    {
        var user = await portal.CreateUserAsync("atomic@example.com");

        faulty.FailOn = AuditKind.SignInPassword;
        Assert.NotEqual(HttpStatusCode.OK, await TryAsync(() => portal.CreateBrowserClient().SignInAsync("atomic@example.com", WrongPassword)));

        Assert.Equal(0, (await LockoutAsync(user.Id)).Count);
        Assert.Empty(await EntriesAsync(AuditKind.SignInPassword)); // nor written on its own afterwards

        faulty.FailOn = null;
        await portal.CreateBrowserClient().SignInAsync("atomic@example.com", WrongPassword);
        Assert.Equal("Failed", Assert.Single(await EntriesAsync(AuditKind.SignInPassword)).Outcome);
        Assert.Equal(1, (await LockoutAsync(user.Id)).Count);
    }

    [Fact]
    public async Task The_attempt_that_locks_the_account_is_recorded_as_locked_out_and_so_are_the_attempts_while_locked()
    {
        var user = await portal.CreateUserAsync("lock@example.com");
        var client = portal.CreateBrowserClient();

        for (var i = 0; i < 3; i++)
        {
            await client.SignInAsync("lock@example.com", WrongPassword);
        }

        var (_, lockoutEnd) = await LockoutAsync(user.Id);
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow);
        await client.SignInAsync("lock@example.com"); // the right password, too late

        Assert.Equal(["Failed", "Failed", "LockedOut", "LockedOut"], (await EntriesAsync(AuditKind.SignInPassword)).Select(e => e.Outcome));
    }

    [Fact]
    public async Task The_lockout_and_its_entry_commit_together()
    {
        var user = await portal.CreateUserAsync("lockfail@example.com");
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("lockfail@example.com", WrongPassword);
        await client.SignInAsync("lockfail@example.com", WrongPassword);

        faulty.FailOn = AuditKind.SignInPassword;
        await TryAsync(() => client.SignInAsync("lockfail@example.com", WrongPassword));

        Assert.Equal((2, (DateTimeOffset?)null), await LockoutAsync(user.Id));
        Assert.Equal(["Failed", "Failed"], (await EntriesAsync(AuditKind.SignInPassword)).Select(e => e.Outcome));
    }

    [Fact]
    public async Task An_unknown_address_writes_a_failed_entry_with_no_one_named_and_the_same_answer_as_a_wrong_password()
    {
        await portal.CreateUserAsync("known@example.com");

        var unknown = await portal.CreateBrowserClient().SignInAsync("nobody@example.com", WrongPassword);
        var wrong = await portal.CreateBrowserClient().SignInAsync("known@example.com", WrongPassword);

        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(Alert(await wrong.Content.ReadAsStringAsync()), Alert(await unknown.Content.ReadAsStringAsync()));
        var entries = await EntriesAsync(AuditKind.SignInPassword);
        Assert.Equal(2, entries.Count);
        Assert.Equal(("Failed", null, null, null), (entries[0].Outcome, entries[0].SubjectUserId, entries[0].SubjectEmail, entries[0].ActorEmail));
        AssertNothingTyped(entries, "nobody@example.com");
        AssertNothingTyped(entries, WrongPassword);
    }

    [Fact]
    public async Task A_wrong_recovery_code_writes_one_failed_entry_in_the_save_that_counts_it()
    {
        var user = await portal.CreateVoiceGatedAsync("codes@example.com");
        const string Wrong = "ABCDE-12345";

        faulty.FailOn = AuditKind.SignInRecoveryCode;
        var failing = portal.CreateBrowserClient();
        await failing.SignInAsync("codes@example.com");
        await TryAsync(() => failing.SubmitFormAsync("/Account/LoginWithRecoveryCode", "recovery-code", new Dictionary<string, string> { ["Input.Code"] = Wrong }));
        Assert.Equal(0, (await LockoutAsync(user)).Count);
        Assert.Empty(await EntriesAsync(AuditKind.SignInRecoveryCode));

        faulty.FailOn = null;
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("codes@example.com");
        var refused = await client.SubmitFormAsync("/Account/LoginWithRecoveryCode", "recovery-code", new Dictionary<string, string> { ["Input.Code"] = Wrong });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var entry = Assert.Single(await EntriesAsync(AuditKind.SignInRecoveryCode));
        Assert.Equal(("Failed", user), (entry.Outcome, entry.SubjectUserId));
        Assert.Equal(1, (await LockoutAsync(user)).Count);
        AssertNothingTyped([entry], "ABCDE");
    }

    [Fact]
    public async Task A_failed_voice_completion_writes_one_failed_entry_in_the_save_that_counts_it()
    {
        var user = await portal.CreateVoiceGatedAsync("voice@example.com");
        var bogus = Guid.NewGuid().ToString("N");

        faulty.FailOn = AuditKind.SignInVoice;
        var failing = portal.CreateBrowserClient();
        await failing.SignInAsync("voice@example.com");
        Assert.NotEqual(HttpStatusCode.Redirect, await TryAsync(() => failing.GetAsync($"/Account/LoginWithVoice/Complete?session={bogus}")));
        Assert.Equal(0, (await LockoutAsync(user)).Count);
        Assert.Empty(await EntriesAsync(AuditKind.SignInVoice));

        faulty.FailOn = null;
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("voice@example.com");
        var refused = await client.GetAsync($"/Account/LoginWithVoice/Complete?session={bogus}");

        Assert.EndsWith("/Account/Login", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesAsync(AuditKind.SignInVoice));
        Assert.Equal(("Failed", user), (entry.Outcome, entry.SubjectUserId));
        Assert.Equal(1, (await LockoutAsync(user)).Count);
        AssertNothingTyped([entry], bogus);
    }

    [Fact]
    public async Task A_failed_count_that_cannot_be_saved_is_recorded_on_its_own_and_leaves_no_entry_behind_for_a_later_save()
    {
        // A concurrency failure: Identity's store reports it as a result, not an exception, and the context lives on.
        var user = await portal.CreateUserAsync("stale@example.com");
        await using var scope = portal.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var stale = (await signIn.UserManager.FindByIdAsync(user.Id))!;
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ConcurrencyStamp, "moved-on")));

        var result = await signIn.PasswordSignInAsync(stale, WrongPassword, isPersistent: false, lockoutOnFailure: true);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Entry(stale).State = EntityState.Detached; // the stale account itself would fail again
        db.VoiceConsents.Add(new VoiceAuth.Portal.Features.Voiceprints.VoiceConsent { UserId = user.Id, TextVersion = 1 });
        await db.SaveChangesAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(0, (await LockoutAsync(user.Id)).Count);
        Assert.Equal("Failed", Assert.Single(await EntriesAsync(AuditKind.SignInPassword)).Outcome); // written on its own, once
    }

    public void Dispose() => portal.Dispose();
}
