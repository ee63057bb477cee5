using System.Net;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Accounts;

/// <summary>Issue 10, findings 4 and 5: answers that do not reveal accounts, and the small holes.</summary>
public sealed class AccountSecurityTests : IDisposable
{
    private readonly PortalFactory factory = new();

    private static string? Alert(string html) => HtmlForms.Parse(html).QuerySelector(".va-alert")?.TextContent.Trim();

    [Fact]
    public async Task A_locked_account_gets_the_same_answer_as_an_unknown_address()
    {
        await factory.CreateUserAsync("locked@example.com");
        var client = factory.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("locked@example.com", "Wrong-password-1");
        }

        var locked = await client.SignInAsync("locked@example.com");
        var unknown = await client.SignInAsync("nobody@example.com");

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(Alert(await unknown.Content.ReadAsStringAsync()), Alert(await locked.Content.ReadAsStringAsync()));
        Assert.NotNull(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "locked@example.com").Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task A_copied_session_cookie_stops_working_after_sign_out()
    {
        await factory.CreateUserAsync("copied@example.com");
        var client = factory.CreateBrowserClient();
        var signedIn = await client.SignInAsync("copied@example.com");
        var cookie = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("VoiceAuth.Session", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        var thief = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Account/Manage")).StatusCode); // the copy works while signed in

        var home = await client.GetDocumentAsync("/");
        var token = home.QuerySelector("form[action='Account/Logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        var replayed = await thief.GetAsync("/Account/Manage");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains("/Account/Login", replayed.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\t/evil.example")]
    public async Task A_foreign_return_address_after_sign_in_goes_home(string returnUrl)
    {
        await factory.CreateUserAsync("return@example.com");
        var client = factory.CreateBrowserClient();

        var response = await client.SubmitFormAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "return@example.com",
            ["Input.Password"] = TestPasswords.Good,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("http://localhost/", target.ToString());
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task A_foreign_return_address_after_sign_out_goes_home(string returnUrl)
    {
        await factory.CreateUserAsync("out@example.com");
        var client = factory.CreateBrowserClient();
        await client.SignInAsync("out@example.com");
        var token = (await client.GetDocumentAsync("/")).QuerySelector("form[action='Account/Logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ReturnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("Password1")]
    [InlineData("P@ssw0rd2024!")]
    [InlineData("Qwerty123")]
    [InlineData("Common9Name")] // the e-mail's own name
    public async Task A_common_password_is_refused_at_registration(string password)
    {
        var response = await factory.CreateBrowserClient().SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = "common9name@example.com",
            ["Input.PhoneNumber"] = "+1 201 555 0150",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("most common", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Downloading_personal_data_needs_the_form_token()
    {
        await factory.CreateUserAsync("data@example.com");
        var client = factory.CreateBrowserClient();
        await client.SignInAsync("data@example.com");

        var forged = await client.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var page = await client.GetDocumentAsync("/Account/Manage/PersonalData");
        var token = page.QuerySelector("form[action='Account/Manage/DownloadPersonalData'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var genuine = await client.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("data@example.com", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Contains("data@example.com", await genuine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();
}
