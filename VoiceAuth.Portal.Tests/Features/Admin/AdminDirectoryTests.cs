using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Admin;

/// <summary>The accounts grid's query: paged, filtered and searched in the database.</summary>
public sealed class AdminDirectoryTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    private AdminDirectory Directory => portal.Services.GetRequiredService<AdminDirectory>();

    [Fact]
    public async Task Rows_show_each_accounts_state_and_never_the_full_phone_number()
    {
        var enrolled = await portal.CreateCallerAsync("enrolled@example.com", enrolled: true);
        var enrolling = await portal.CreateCallerAsync("enrolling@example.com", enrollments: 2);
        var locked = await portal.CreateCallerAsync("locked@example.com", enrolled: true);
        await portal.CreateCallerAsync("new@example.com");
        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == locked)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(10)).SetProperty(v => v.ConsecutiveFailures, 3)));
        await portal.StartAsync(enrolled, SessionPurpose.Verify);

        var page = await Directory.QueryAsync(new AccountQuery());

        Assert.Equal(4, page.Total);
        Assert.Equal(["enrolled@example.com", "enrolling@example.com", "locked@example.com", "new@example.com"], page.Rows.Select(r => r.Email));
        Assert.Equal((EnrollmentStatus.Enrolling, 2), page.Rows.Where(r => r.Id == enrolling).Select(r => (r.Status, r.EnrollmentCount)).Single());
        Assert.Equal((EnrollmentStatus.Locked, 3), page.Rows.Where(r => r.Id == locked).Select(r => (r.Status, r.Failures)).Single());
        Assert.Equal(SessionState.Calling, page.Rows.Single(r => r.Id == enrolled).LastOutcome);
        Assert.All(page.Rows, r => Assert.DoesNotContain("5550123", r.MaskedPhone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_by_e_mail_prefix_or_the_phones_last_digits_and_filter_by_status()
    {
        await portal.CreateUserAsync("ann@example.com", phone: "+12015550111");
        await portal.CreateUserAsync("anna@example.com", phone: "+12015550222");
        await portal.CreateUserAsync("bob@example.com", phone: "+12015550333");
        await portal.CreateCallerAsync("carol@example.com", enrolled: true);

        Assert.Equal(["ann@example.com", "anna@example.com"], (await Directory.QueryAsync(new AccountQuery("An"))).Rows.Select(r => r.Email));
        Assert.Equal(["bob@example.com"], (await Directory.QueryAsync(new AccountQuery("0333"))).Rows.Select(r => r.Email));
        Assert.Equal(["anna@example.com"], (await Directory.QueryAsync(new AccountQuery("22"))).Rows.Select(r => r.Email));
        Assert.Equal(["carol@example.com"], (await Directory.QueryAsync(new AccountQuery(Status: EnrollmentStatus.Enrolled))).Rows.Select(r => r.Email));
    }

    [Fact]
    public async Task Pages_and_sorts_in_the_database_and_counts_every_match()
    {
        for (var i = 0; i < 7; i++)
        {
            await portal.CreateUserAsync($"user{i}@example.com");
        }

        var page = await Directory.QueryAsync(new AccountQuery(Descending: true, Page: 1, PageSize: 3));

        Assert.Equal(7, page.Total);
        Assert.Equal(["user3@example.com", "user2@example.com", "user1@example.com"], page.Rows.Select(r => r.Email));
    }

    [Fact]
    public async Task Sorting_by_failures_pages_across_the_people_with_and_without_failures()
    {
        var two = await portal.CreateCallerAsync("two@example.com", enrolled: true);
        var five = await portal.CreateCallerAsync("five@example.com", enrolled: true);
        await portal.CreateCallerAsync("a-none@example.com", enrolled: true);
        await portal.CreateUserAsync("b-novoice@example.com");
        await portal.CreateUserAsync("c-novoice@example.com");
        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == two).ExecuteUpdateAsync(u => u.SetProperty(v => v.ConsecutiveFailures, 2)));
        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == five).ExecuteUpdateAsync(u => u.SetProperty(v => v.ConsecutiveFailures, 5)));

        async Task<IEnumerable<string>> PageAsync(bool descending, int page) =>
            (await Directory.QueryAsync(new AccountQuery(Sort: AccountSort.Failures, Descending: descending, Page: page, PageSize: 2))).Rows.Select(r => r.Email);

        Assert.Equal(["five@example.com", "two@example.com"], await PageAsync(true, 0));
        Assert.Equal(["a-none@example.com", "b-novoice@example.com"], await PageAsync(true, 1));
        Assert.Equal(["c-novoice@example.com"], await PageAsync(true, 2));
        Assert.Equal(["a-none@example.com", "b-novoice@example.com"], await PageAsync(false, 0));
        Assert.Equal(["c-novoice@example.com", "two@example.com"], await PageAsync(false, 1)); // a page across the two parts
        Assert.Equal(["five@example.com"], await PageAsync(false, 2));
    }

    [Fact]
    public async Task Starting_a_call_notes_the_last_verification_that_the_grid_sorts_by()
    {
        var called = await portal.CreateCallerAsync("called@example.com", enrolled: true);
        await portal.CreateCallerAsync("quiet@example.com", enrolled: true);
        var before = DateTimeOffset.UtcNow;

        await portal.StartAsync(called, SessionPurpose.Verify);

        var newestFirst = await Directory.QueryAsync(new AccountQuery(Sort: AccountSort.LastVerification, Descending: true));
        Assert.Equal(["called@example.com", "quiet@example.com"], newestFirst.Rows.Select(r => r.Email));
        Assert.InRange(newestFirst.Rows[0].LastCallAt!.Value, before, DateTimeOffset.UtcNow);
        Assert.Null(newestFirst.Rows[1].LastCallAt);
        Assert.Equal(["quiet@example.com", "called@example.com"],
            (await Directory.QueryAsync(new AccountQuery(Sort: AccountSort.LastVerification))).Rows.Select(r => r.Email));
    }

    [Fact]
    public async Task Counts_per_status_match_the_rows_each_filter_lists()
    {
        await portal.CreateCallerAsync("enrolled@example.com", enrolled: true);
        await portal.CreateCallerAsync("enrolling@example.com", enrollments: 1);
        var locked = await portal.CreateCallerAsync("locked@example.com", enrolled: true);
        await portal.CreateCallerAsync("consented@example.com"); // no voiceprint
        await portal.CreateUserAsync("new@example.com");
        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == locked)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(10))));

        foreach (var (status, expected) in new (EnrollmentStatus?, int)[]
                 { (null, 5), (EnrollmentStatus.Enrolled, 1), (EnrollmentStatus.Enrolling, 1), (EnrollmentStatus.Locked, 1), (EnrollmentStatus.NotEnrolled, 2) })
        {
            var page = await Directory.QueryAsync(new AccountQuery(Status: status));
            Assert.Equal((status, expected, expected), (status, page.Total, page.Rows.Count));
        }
    }

    [Fact]
    public async Task A_lock_that_has_run_out_lists_the_account_under_its_stage_again()
    {
        var expired = await portal.CreateCallerAsync("expired@example.com", enrolled: true);
        var locked = await portal.CreateCallerAsync("locked@example.com", enrollments: 1);
        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == expired)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == locked)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(10))));

        async Task<string> ListAsync(EnrollmentStatus status, AccountSort sort) =>
            string.Join(" ", (await Directory.QueryAsync(new AccountQuery(Status: status, Sort: sort, Descending: true))).Rows.Select(r => r.Email));

        foreach (var sort in Enum.GetValues<AccountSort>())
        {
            Assert.Equal((sort, "expired@example.com"), (sort, await ListAsync(EnrollmentStatus.Enrolled, sort)));
            Assert.Equal((sort, "locked@example.com"), (sort, await ListAsync(EnrollmentStatus.Locked, sort)));
            Assert.Equal((sort, ""), (sort, await ListAsync(EnrollmentStatus.Enrolling, sort)));
        }
    }

    [Fact]
    public async Task Filters_by_engine_failures_last_verification_and_disabled_with_matching_counts()
    {
        var other = await portal.CreateCallerAsync("other-engine@example.com", enrolled: true);
        var failing = await portal.CreateCallerAsync("failing@example.com", enrolled: true);
        var called = await portal.CreateCallerAsync("called@example.com", enrolled: true);
        var disabled = await portal.CreateUserAsync("disabled@example.com");
        await portal.CreateUserAsync("plain@example.com");
        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == other).ExecuteUpdateAsync(u => u.SetProperty(v => v.Engine, "voiceit")));
        await portal.WithDbAsync(db => db.Voiceprints.Where(v => v.UserId == failing).ExecuteUpdateAsync(u => u.SetProperty(v => v.ConsecutiveFailures, 3)));
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.MaxValue)));
        await portal.StartAsync(called, SessionPurpose.Verify);
        var now = DateTimeOffset.UtcNow;

        async Task<(int Total, string Emails)> ListAsync(AccountQuery query)
        {
            var page = await Directory.QueryAsync(query);
            return (page.Total, string.Join(" ", page.Rows.Select(r => r.Email)));
        }

        Assert.Equal((1, "other-engine@example.com"), await ListAsync(new AccountQuery(Engine: "voiceit")));
        Assert.Equal((2, "called@example.com failing@example.com"), await ListAsync(new AccountQuery(Engine: portal.Engine.Engine)));
        Assert.Equal((0, ""), await ListAsync(new AccountQuery(Engine: "voiceit", Status: EnrollmentStatus.NotEnrolled)));
        Assert.Equal((1, "failing@example.com"), await ListAsync(new AccountQuery(MinFailures: 1)));
        Assert.Equal((1, "failing@example.com"), await ListAsync(new AccountQuery("fail", MinFailures: 3)));
        Assert.Equal((0, ""), await ListAsync(new AccountQuery(MinFailures: 4)));
        Assert.Equal((1, "called@example.com"), await ListAsync(new AccountQuery(LastCallAfter: now.AddHours(-1))));
        Assert.Equal((4, "disabled@example.com failing@example.com other-engine@example.com plain@example.com"),
            await ListAsync(new AccountQuery(LastCallBefore: now.AddHours(-1))));
        Assert.Equal((1, "disabled@example.com"), await ListAsync(new AccountQuery(DisabledOnly: true)));
    }

    public void Dispose() => portal.Dispose();
}
