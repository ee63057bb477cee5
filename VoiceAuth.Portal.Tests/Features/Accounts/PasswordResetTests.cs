using System.Net;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Accounts;

/// <summary>Forgot password: a link by mail, the same answer for addresses without an account (issue 11).</summary>
public sealed class PasswordResetTests : IDisposable
{
    private const string NewPassword = "Brand-New-Pass-31";
    private readonly PortalFactory factory = new();

    private static Task<HttpResponseMessage> ForgotAsync(HttpClient client, string email) =>
        client.SubmitFormAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

    private static Task<HttpResponseMessage> ResetAsync(HttpClient client, string link, string email, string password = NewPassword) =>
        client.SubmitFormAsync(link, "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    [Fact]
    public async Task A_mailed_link_sets_a_new_password_and_signs_out_other_browsers()
    {
        await factory.CreateUserAsync("forgetful@example.com");
        var elsewhere = factory.CreateBrowserClient();
        await elsewhere.SignInAsync("forgetful@example.com");
        var client = factory.CreateBrowserClient();

        var asked = await ForgotAsync(client, "forgetful@example.com");
        Assert.EndsWith("/Account/ForgotPasswordConfirmation", asked.Headers.Location!.ToString(), StringComparison.Ordinal);
        var link = Assert.Single(factory.LinksMailedTo("forgetful@example.com"));
        var reset = await ResetAsync(client, link, "forgetful@example.com");

        Assert.EndsWith("/Account/ResetPasswordConfirmation", reset.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().SignInAsync("forgetful@example.com")).StatusCode); // old password: refused
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync("forgetful@example.com", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/Account/Manage")).StatusCode);

        // The link works once.
        var again = await ResetAsync(factory.CreateBrowserClient(), link, "forgetful@example.com", "Third-Pass-Word-5");
        Assert.Contains("expired", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail()
    {
        await factory.CreateUserAsync("known@example.com");

        var known = await ForgotAsync(factory.CreateBrowserClient(), "known@example.com");
        var unknown = await ForgotAsync(factory.CreateBrowserClient(), "unknown@example.com");

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.DoesNotContain(factory.Mails, m => m.To == "unknown@example.com");
    }

    [Fact]
    public async Task Resetting_by_mail_proves_the_address_of_an_unconfirmed_account()
    {
        // Someone registered the owner's address; the owner takes the account back through the reset link.
        await factory.CreateUserAsync("owner@example.com", "Squatters-Pass-8", emailConfirmed: false);
        var client = factory.CreateBrowserClient();
        await ForgotAsync(client, "owner@example.com");

        await ResetAsync(client, Assert.Single(factory.LinksMailedTo("owner@example.com")), "owner@example.com");

        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "owner@example.com").Select(u => u.EmailConfirmed).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().SignInAsync("owner@example.com", "Squatters-Pass-8")).StatusCode);
    }

    [Fact]
    public async Task A_reset_unlocks_an_account_that_someone_locked_by_guessing()
    {
        await factory.CreateUserAsync("lockedout@example.com");
        var guesser = factory.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            await guesser.SignInAsync("lockedout@example.com", "Wrong-password-1");
        }

        var client = factory.CreateBrowserClient();
        await ForgotAsync(client, "lockedout@example.com");
        await ResetAsync(client, Assert.Single(factory.LinksMailedTo("lockedout@example.com")), "lockedout@example.com");

        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync("lockedout@example.com", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_common_password_is_refused_as_the_new_one()
    {
        await factory.CreateUserAsync("weak@example.com");
        var client = factory.CreateBrowserClient();
        await ForgotAsync(client, "weak@example.com");

        var reset = await ResetAsync(client, Assert.Single(factory.LinksMailedTo("weak@example.com")), "weak@example.com", "Password1");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("most common", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();
}
