using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Accounts;

/// <summary>An account counts for calls only once its e-mail address is proven (issue 10, finding 1).</summary>
public sealed class EmailConfirmationTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password = TestPasswords.Good) =>
        client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.PhoneNumber"] = "+1 201 555 0142",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    [Fact]
    public async Task Registering_mails_a_link_that_confirms_the_address()
    {
        var client = portal.CreateBrowserClient();

        var registered = await RegisterAsync(client, "ada@example.com");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.EndsWith("/Account/RegisterConfirmation", registered.Headers.Location!.ToString(), StringComparison.Ordinal);
        var next = await client.GetDocumentAsync(registered.Headers.Location!.ToString());
        Assert.Contains("confirm", next.QuerySelector("h1")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(next.QuerySelector("#outbox-link"));
        var stored = await portal.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "ada@example.com"));
        Assert.False(stored.EmailConfirmed);
        Assert.Equal("+12015550142", stored.PhoneNumber);

        var link = Assert.Single(portal.LinksMailedTo("ada@example.com"), l => l.Contains("/Account/ConfirmEmail", StringComparison.Ordinal));
        var confirmed = await client.GetDocumentAsync(link);

        Assert.Equal("E-mail confirmed", confirmed.QuerySelector("h1")!.TextContent);
        Assert.Contains("enroll your voice", confirmed.QuerySelector("#next-step")!.TextContent, StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.Users.Where(u => u.Email == "ada@example.com").Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_like_a_free_one_and_mails_the_owner_instead()
    {
        await portal.CreateUserAsync("taken@example.com");
        var free = await RegisterAsync(portal.CreateBrowserClient(), "free@example.com");

        var taken = await RegisterAsync(portal.CreateBrowserClient(), "taken@example.com", "Another-Pass-77");

        Assert.Equal(free.StatusCode, taken.StatusCode);
        Assert.Equal(free.Headers.Location, taken.Headers.Location);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "taken@example.com")));
        var mail = portal.Mails.First(m => m.To == "taken@example.com");
        Assert.Contains("already has one", mail.Body, StringComparison.Ordinal);
        // No confirmation link: the account with this address may be someone else's.
        Assert.DoesNotContain(portal.LinksMailedTo("taken@example.com"), l => l.Contains("ConfirmEmail", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.CreateBrowserClient().SignInAsync("taken@example.com")).StatusCode);
    }

    [Fact]
    public async Task A_forged_confirmation_code_confirms_nothing()
    {
        var user = await portal.CreateUserAsync("forged@example.com", emailConfirmed: false);

        var page = await portal.CreateBrowserClient().GetDocumentAsync($"/Account/ConfirmEmail?userId={user.Id}&code=Zm9yZ2Vk");

        Assert.Equal("That link did not work", page.QuerySelector("h1")!.TextContent);
        Assert.False(await portal.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Theory]
    [InlineData(SessionPurpose.Enroll)]
    [InlineData(SessionPurpose.Verify)]
    public async Task An_unconfirmed_account_is_never_called(SessionPurpose purpose)
    {
        var user = await portal.CreateCallerAsync("squatter@example.com", enrolled: purpose == SessionPurpose.Verify);
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == user).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));

        var result = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user, purpose, CancellationToken.None, forSignIn: purpose == SessionPurpose.Verify);

        Assert.Null(result.SessionId);
        Assert.Equal(ReasonCode.EmailNotConfirmed, result.Refusal);
        Assert.Contains("Confirm your e-mail", result.Message, StringComparison.Ordinal);
        Assert.Empty(portal.Telephony.Placed);
    }

    [Fact]
    public async Task An_unconfirmed_account_enrolled_before_confirmation_existed_gets_the_link_at_the_voice_step_not_a_call()
    {
        await portal.CreateVoiceGatedAsync("legacy@example.com");
        await portal.WithDbAsync(db => db.Users.Where(u => u.Email == "legacy@example.com").ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("legacy@example.com");

        var refused = await client.SubmitFormAsync("/Account/LoginWithVoice", "voice-sign-in", new Dictionary<string, string>());

        Assert.Contains("Confirm your e-mail address first", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(portal.Telephony.Placed);
        Assert.Single(portal.LinksMailedTo("legacy@example.com"), l => l.Contains("/Account/ConfirmEmail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_profile_says_what_comes_next_and_sends_the_link_again()
    {
        await portal.CreateUserAsync("later@example.com", phone: "+12015550143", emailConfirmed: false);
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("later@example.com");

        var profile = await client.GetDocumentAsync("/Account/Manage");
        Assert.Contains("confirm your e-mail", profile.QuerySelector("#next-step")!.TextContent, StringComparison.Ordinal);
        var resent = await client.SubmitFormAsync("/Account/Manage", "resend-confirmation", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var link = Assert.Single(portal.LinksMailedTo("later@example.com"), l => l.Contains("/Account/ConfirmEmail", StringComparison.Ordinal));
        await client.GetDocumentAsync(link);
        var after = await client.GetDocumentAsync("/Account/Manage");
        Assert.Contains("enroll your voice", after.QuerySelector("#next-step")!.TextContent, StringComparison.Ordinal);
    }

    public void Dispose() => portal.Dispose();
}
