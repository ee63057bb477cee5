using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Accounts;

/// <summary>
/// Account e-mails to one address are limited per hour: the forms cannot be used to flood a mailbox. Each mail sent
/// and each refused writes one audit entry; the pages that must not reveal accounts answer the same either way.
/// </summary>
public sealed class MailLimitTests : IDisposable
{
    private readonly ShiftedClock clock = new();
    private readonly PortalFactory factory = new();

    public MailLimitTests()
    {
        factory.Settings["Accounts:MailsPerAddressPerHour"] = "2";
        factory.TestServices.Add(services => services.AddSingleton<TimeProvider>(clock));
    }

    private Task<HttpResponseMessage> ForgotAsync(string email) =>
        factory.CreateBrowserClient().SubmitFormAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

    private int MailsTo(string email) => factory.Mails.Count(m => m.To == email);

    private Task<List<AuditEntry>> MailEntriesAsync() => factory.WithDbAsync(db =>
        db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKind.AccountMail).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Password_resets_to_one_address_stop_at_the_limit_each_refusal_is_audited_and_the_page_stays_the_same()
    {
        var user = await factory.CreateUserAsync("flooded@example.com");

        var answers = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await ForgotAsync("flooded@example.com")).Headers.Location?.ToString());
        }

        Assert.Equal(2, MailsTo("flooded@example.com"));
        Assert.All(answers, a => Assert.EndsWith("/Account/ForgotPasswordConfirmation", a, StringComparison.Ordinal));
        Assert.Equal((await ForgotAsync("nobody@example.com")).Headers.Location?.ToString(), answers[^1]); // no account: the same answer
        var entries = await MailEntriesAsync();
        Assert.Equal(["Sent", "Sent", "Refused"], entries.Select(e => e.Outcome));
        Assert.All(entries, e => Assert.Equal((user.Id, "flooded@example.com"), (e.SubjectUserId, e.SubjectEmail)));
        Assert.Contains("not sent", entries[2].Detail, StringComparison.Ordinal);
        var page = await factory.CreateBrowserClient().GetDocumentAsync("/Account/ForgotPasswordConfirmation");
        Assert.Contains("at most 2 mails", page.QuerySelector("#mail-limit")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_limit_is_per_address_and_frees_up_after_an_hour()
    {
        await factory.CreateUserAsync("first@example.com");
        await factory.CreateUserAsync("second@example.com");
        for (var i = 0; i < 3; i++)
        {
            await ForgotAsync("first@example.com");
        }

        await ForgotAsync("second@example.com");
        Assert.Equal((2, 1), (MailsTo("first@example.com"), MailsTo("second@example.com")));

        clock.Offset = TimeSpan.FromMinutes(61);
        await ForgotAsync("first@example.com");

        Assert.Equal(3, MailsTo("first@example.com"));
    }

    [Fact]
    public async Task Registering_a_taken_address_again_and_again_sends_no_more_than_the_limit()
    {
        await factory.CreateUserAsync("taken@example.com");
        for (var i = 0; i < 4; i++)
        {
            var response = await factory.CreateBrowserClient().SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
            {
                ["Input.Email"] = "taken@example.com",
                ["Input.Password"] = TestPasswords.Good,
                ["Input.ConfirmPassword"] = TestPasswords.Good,
                ["Input.PhoneNumber"] = "+12015550142",
            });
            Assert.EndsWith("/Account/RegisterConfirmation", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(2, MailsTo("taken@example.com"));
        Assert.Equal(["Sent", "Sent", "Refused", "Refused"], (await MailEntriesAsync()).Select(e => e.Outcome));
    }

    [Fact]
    public async Task A_signed_in_person_asking_again_is_told_plainly_that_no_mail_went()
    {
        await factory.CreateUserAsync("unconfirmed@example.com", emailConfirmed: false);
        var client = factory.CreateBrowserClient();
        await client.SignInAsync("unconfirmed@example.com");

        for (var i = 0; i < 3; i++)
        {
            await client.SubmitFormAsync("/Account/Manage", "resend-confirmation", new Dictionary<string, string>());
        }

        var page = await client.GetDocumentAsync("/Account/Manage");
        Assert.Contains("as many as we send", page.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, MailsTo("unconfirmed@example.com"));
        Assert.Equal(["Sent", "Sent", "Refused"], (await MailEntriesAsync()).Select(e => e.Outcome));
    }

    [Fact]
    public async Task Requests_at_the_same_moment_cannot_all_pass_the_limit()
    {
        var user = await factory.CreateUserAsync("burst@example.com");
        factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VoiceAuth.Portal.Features.Mail.MailOptions>>().Value.LinkBaseUrl = "https://voiceauth.test/";
        using var start = new ManualResetEventSlim();

        // Each on its own scope and thread, released together: the count and the entry of each must not interleave.
        var requests = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var mail = scope.ServiceProvider.GetRequiredService<VoiceAuth.Portal.Features.Accounts.AccountMail>();
            start.Wait();
            return await mail.SendPasswordResetAsync(user, CancellationToken.None);
        })).ToList();
        start.Set();
        var refusals = await Task.WhenAll(requests);

        Assert.Equal(2, refusals.Count(r => r is null));
        Assert.Equal(2, MailsTo("burst@example.com"));
        var entries = await MailEntriesAsync();
        Assert.Equal((2, 10), (entries.Count(e => e.Outcome == "Sent"), entries.Count(e => e.Outcome == "Refused")));
    }

    public void Dispose() => factory.Dispose();
}
