using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.SignIn;

/// <summary>Recovery codes: the way in when the phone is lost, each code once, never stored readable.</summary>
public sealed class RecoveryCodeTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    /// <summary>Signs in (password, then voice with a fresh call) and makes codes on the manage page, as a person would.</summary>
    private async Task<List<string>> MakeCodesAsync(string email)
    {
        var user = await portal.CreateVoiceGatedAsync(email);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user))!, 10);
        return codes!.ToList();
    }

    [Fact]
    public async Task A_recovery_code_replaces_the_call_once()
    {
        var codes = await MakeCodesAsync("lostphone@example.com");
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("lostphone@example.com");
        var voicePage = await client.GetDocumentAsync("/Account/LoginWithVoice");
        Assert.NotNull(voicePage.QuerySelector("#use-recovery-code"));

        // Typed carelessly: spaces, lower case.
        var typed = " " + string.Join(' ', codes[0].ToLowerInvariant().ToCharArray()) + " ";
        var used = await client.SubmitFormAsync("/Account/LoginWithRecoveryCode?returnUrl=%2FAccount%2FManage", "recovery-code", new Dictionary<string, string> { ["Input.Code"] = typed });

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/Account/Manage", new Uri(new Uri("http://localhost"), used.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Manage")).StatusCode);
        Assert.Empty(portal.Telephony.Placed);

        var again = portal.CreateBrowserClient();
        await again.SignInAsync("lostphone@example.com");
        var reused = await again.SubmitFormAsync("/Account/LoginWithRecoveryCode", "recovery-code", new Dictionary<string, string> { ["Input.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("not right, or it has been used", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task Without_the_password_step_the_code_page_sends_you_to_sign_in()
    {
        var codes = await MakeCodesAsync("nopassword@example.com");
        var client = portal.CreateBrowserClient();

        var response = await client.GetAsync("/Account/LoginWithRecoveryCode");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(codes);
    }

    [Fact]
    public async Task Wrong_recovery_codes_count_toward_lockout_like_wrong_passwords()
    {
        var codes = await MakeCodesAsync("guesser@example.com");
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("guesser@example.com");

        for (var i = 0; i < 5; i++)
        {
            await client.SubmitFormAsync("/Account/LoginWithRecoveryCode", "recovery-code", new Dictionary<string, string> { ["Input.Code"] = $"GUESS-{i:D5}" });
        }

        // Locked now: even a right code is refused, and the account is locked in the database.
        var right = await client.SubmitFormAsync("/Account/LoginWithRecoveryCode", "recovery-code", new Dictionary<string, string> { ["Input.Code"] = codes[0] });
        Assert.EndsWith("/Account/Lockout", right.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.NotNull(await portal.WithDbAsync(db => db.Users.Where(u => u.Email == "guesser@example.com").Select(u => u.LockoutEnd).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task Codes_are_stored_as_hashes_only()
    {
        var codes = await MakeCodesAsync("hashed@example.com");

        var stored = await portal.WithDbAsync(db => db.UserTokens.Where(t => t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync());

        Assert.Equal(10, stored!.Split(';').Length);
        Assert.All(codes, c => Assert.DoesNotContain(VoiceAuth.Portal.Features.Accounts.HashedRecoveryCodeStore.Normalise(c), stored.ToUpperInvariant(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_manage_page_shows_new_codes_once_and_then_counts_them()
    {
        await portal.CreateVoiceGatedAsync("manage@example.com");
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("manage@example.com");
        // Signed in only after the voice step; a recovery code is not available yet, so finish through the test's back door.
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync("manage@example.com"))!, 1);
            await client.SubmitFormAsync("/Account/LoginWithRecoveryCode", "recovery-code", new Dictionary<string, string> { ["Input.Code"] = codes!.Single() });
        }

        Assert.Contains("no recovery codes", (await client.GetDocumentAsync("/Account/Manage/RecoveryCodes")).QuerySelector("#codes-left")!.TextContent, StringComparison.Ordinal);
        var made = HtmlForms.Parse(await (await client.SubmitFormAsync("/Account/Manage/RecoveryCodes", "new-codes", new Dictionary<string, string>())).Content.ReadAsStringAsync());
        var shown = made.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent).ToList();

        Assert.Equal(10, shown.Distinct().Count());
        Assert.All(shown, c => Assert.Matches("^[A-Z0-9]{4,}-[A-Z0-9]{4,}$", c));
        Assert.Contains("10 unused recovery codes", (await client.GetDocumentAsync("/Account/Manage/RecoveryCodes")).QuerySelector("#codes-left")!.TextContent, StringComparison.Ordinal);
    }

    public void Dispose() => portal.Dispose();
}
