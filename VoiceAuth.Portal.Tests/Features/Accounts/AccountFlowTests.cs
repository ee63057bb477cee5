using System.Net;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Accounts;

public sealed class AccountFlowTests : IDisposable
{
    private readonly PortalFactory factory = new();

    [Fact]
    public async Task Register_sign_in_and_set_phone_shows_the_number_on_the_profile()
    {
        var registering = factory.CreateBrowserClient();
        var registered = await registering.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = "ada@example.com",
            ["Input.PhoneNumber"] = "+1 206 555 0100", // the operator's country (US by default): others are not called
            ["Input.Password"] = TestPasswords.Good,
            ["Input.ConfirmPassword"] = TestPasswords.Good,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await registering.GetAsync("/Account/Manage")).StatusCode); // not signed in: confirm first

        // A fresh browser: sign in with the new account.
        var client = factory.CreateBrowserClient();
        var signedIn = await client.SignInAsync("ada@example.com");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var saved = await client.SubmitFormAsync("/Account/Manage", "profile", new Dictionary<string, string>
        {
            ["Input.PhoneNumber"] = "(201) 555-0123",
            ["Input.DisplayName"] = "Ada",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var profile = await client.GetDocumentAsync("/Account/Manage");
        Assert.Contains("+1 201-555-0123", profile.QuerySelector("#current-phone")?.TextContent);
        var stored = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "ada@example.com"));
        Assert.Equal("+12015550123", stored.PhoneNumber);
        Assert.Equal("Ada", stored.DisplayName);
    }

    [Theory]
    [InlineData("12345", "does not exist")]
    [InlineData("not a number", "does not look like a phone number")]
    [InlineData("+1 900 555 0123", "premium-rate")]
    public async Task An_invalid_phone_number_is_explained_and_nothing_is_saved(string input, string expected)
    {
        await factory.CreateUserAsync("bob@example.com", phone: "+12015550123");
        var client = factory.CreateBrowserClient();
        await client.SignInAsync("bob@example.com");

        var response = await client.SubmitFormAsync("/Account/Manage", "profile", new Dictionary<string, string>
        {
            ["Input.PhoneNumber"] = input,
            ["Input.DisplayName"] = "Changed",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, page.QuerySelector(".va-error")?.TextContent, StringComparison.OrdinalIgnoreCase);
        var stored = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "bob@example.com"));
        Assert.Equal("+12015550123", stored.PhoneNumber);
        Assert.Null(stored.DisplayName);
    }

    [Fact]
    public async Task Registering_an_email_twice_does_not_say_it_is_taken_and_creates_nothing()
    {
        await factory.CreateUserAsync("carol@example.com");
        var client = factory.CreateBrowserClient();

        var response = await client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = "carol@example.com",
            ["Input.PhoneNumber"] = "+1 201 555 0123",
            ["Input.Password"] = TestPasswords.Good,
            ["Input.ConfirmPassword"] = TestPasswords.Good,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/RegisterConfirmation", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("taken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Over_long_fields_are_refused_before_anything_is_written()
    {
        var client = factory.CreateBrowserClient();
        var longEmail = new string('a', 300) + "@example.com";

        var response = await client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = longEmail,
            ["Input.PhoneNumber"] = "+1 201 555 0123",
            ["Input.Password"] = new string('P', 150) + "a1",
            ["Input.ConfirmPassword"] = new string('P', 150) + "a1",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        var errors = page.QuerySelectorAll(".va-error").Select(e => e.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("at most 256", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("8 to 100", StringComparison.Ordinal));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_weak_password_is_explained_and_no_half_account_remains()
    {
        var client = factory.CreateBrowserClient();

        var response = await client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = "dave@example.com",
            ["Input.PhoneNumber"] = "+1 201 555 0123",
            ["Input.Password"] = "alllowercase",
            ["Input.ConfirmPassword"] = "alllowercase",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("uppercase", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.UserRoles.CountAsync()));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        await factory.CreateUserAsync("erin@example.com");
        var client = factory.CreateBrowserClient();

        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("erin@example.com", "Wrong-password-1");
        }

        // The right password now fails too (with the same words as a wrong one: see AccountSecurityTests).
        var response = await client.SignInAsync("erin@example.com");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked for a few minutes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await factory.CreateUserAsync("fay@example.com");
        var client = factory.CreateBrowserClient();
        await client.SignInAsync("fay@example.com");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Manage")).StatusCode);

        var home = await client.GetDocumentAsync("/");
        var token = home.QuerySelector("form[action='Account/Logout'] input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.NotNull(token);
        var signedOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ReturnUrl"] = "",
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task Too_many_account_posts_from_one_address_get_429_and_a_plain_page()
    {
        factory.Settings["Accounts:PostsPerMinute"] = "3";
        var client = factory.CreateBrowserClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(System.Net.HttpStatusCode.TooManyRequests, (await client.SignInAsync("nobody@example.com", "Wrong-password-1")).StatusCode);
        }

        var limited = await client.SignInAsync("nobody@example.com", "Wrong-password-1");

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();
}
