using System.Net;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.SignIn;

/// <summary>The portal's own sign-in, gated by the phone callback once a person is enrolled.</summary>
public sealed class VoiceSignInTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    /// <summary>Plays the caller: answers, presses 1 and says a take the scripted engine accepts.</summary>
    private async Task<Guid> PassCallAsync(string userId)
    {
        var session = await portal.WithDbAsync(db => db.Sessions.Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).FirstAsync());
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);
        return session.Id;
    }

    [Fact]
    public async Task An_enrolled_person_signs_in_with_password_then_voice()
    {
        var user = await portal.CreateVoiceGatedAsync("gated@example.com");
        var client = portal.CreateBrowserClient();

        var password = await client.SignInAsync("gated@example.com");
        Assert.Contains("/Account/LoginWithVoice", password.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/Manage")).StatusCode); // not signed in yet

        var called = await client.SubmitFormAsync("/Account/LoginWithVoice", "voice-sign-in", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        Assert.Single(portal.Telephony.Placed);
        var sessionId = await PassCallAsync(user);

        var complete = await client.GetAsync($"/Account/LoginWithVoice/Complete?session={sessionId:N}&returnUrl=%2FAccount%2FManage");

        Assert.Equal(HttpStatusCode.Redirect, complete.StatusCode);
        Assert.Equal("/Account/Manage", complete.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task A_passed_call_opens_one_sign_in_only()
    {
        var user = await portal.CreateVoiceGatedAsync("once@example.com");
        var first = portal.CreateBrowserClient();
        await first.SignInAsync("once@example.com");
        await first.SubmitFormAsync("/Account/LoginWithVoice", "voice-sign-in", new Dictionary<string, string>());
        var sessionId = await PassCallAsync(user);
        await first.GetAsync($"/Account/LoginWithVoice/Complete?session={sessionId:N}");

        // Somebody else with the password replays the same session id.
        var second = portal.CreateBrowserClient();
        await second.SignInAsync("once@example.com");
        var replay = await second.GetAsync($"/Account/LoginWithVoice/Complete?session={sessionId:N}");

        Assert.EndsWith("/Account/Login", replay.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task A_call_that_has_not_passed_does_not_sign_in()
    {
        var user = await portal.CreateVoiceGatedAsync("notyet@example.com");
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("notyet@example.com");
        await client.SubmitFormAsync("/Account/LoginWithVoice", "voice-sign-in", new Dictionary<string, string>());
        var session = await portal.WithDbAsync(db => db.Sessions.SingleAsync(s => s.UserId == user));

        var early = await client.GetAsync($"/Account/LoginWithVoice/Complete?session={session.Id:N}");

        Assert.EndsWith("/Account/Login", early.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/Manage")).StatusCode);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Users.Where(u => u.Id == user).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task The_recovery_code_link_stays_once_the_call_has_started()
    {
        await portal.CreateVoiceGatedAsync("stuck@example.com");
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("stuck@example.com");

        var calling = await client.SubmitFormAsync("/Account/LoginWithVoice", "voice-sign-in", new Dictionary<string, string>());

        var page = HtmlForms.Parse(await calling.Content.ReadAsStringAsync());
        Assert.Null(page.QuerySelector("#call-me")); // the call page, not the start page
        Assert.NotNull(page.QuerySelector("#use-recovery-code"));
    }

    [Fact]
    public async Task Without_the_password_step_the_voice_pages_lead_back_to_sign_in()
    {
        var client = portal.CreateBrowserClient();

        var page = await client.GetAsync("/Account/LoginWithVoice");
        var complete = await client.GetAsync($"/Account/LoginWithVoice/Complete?session={Guid.NewGuid():N}");

        Assert.EndsWith("Account/Login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("/Account/Login", complete.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_without_a_voiceprint_sign_in_with_the_password_alone()
    {
        await portal.CreateUserAsync("plain@example.com");
        var client = portal.CreateBrowserClient();

        var response = await client.SignInAsync("plain@example.com");

        Assert.DoesNotContain("LoginWithVoice", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_call_says_it_is_a_sign_in_so_a_stranger_can_be_refused()
    {
        var user = await portal.CreateVoiceGatedAsync("told@example.com");
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("told@example.com");
        await client.SubmitFormAsync("/Account/LoginWithVoice", "voice-sign-in", new Dictionary<string, string>());
        var session = await portal.WithDbAsync(db => db.Sessions.SingleAsync(s => s.UserId == user));

        var twiml = await portal.VoiceAsync("answer", session.Id, session.CallSid!);

        Assert.True(session.ForSignIn);
        Assert.Contains("VoiceAuth sign-in. If that is you, key the code on your screen.", twiml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verification_from_the_voiceprint_page_does_not_open_a_sign_in()
    {
        var user = await portal.CreateVoiceGatedAsync("pagecall@example.com");
        var (sessionId, callSid) = await portal.StartAsync(user, SessionPurpose.Verify); // as the voiceprint page does
        await portal.PassVerificationCallAsync(sessionId, callSid);
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("pagecall@example.com");

        var complete = await client.GetAsync($"/Account/LoginWithVoice/Complete?session={sessionId:N}");

        Assert.Equal(SessionState.Passed, (await portal.SessionAsync(sessionId)).State);
        Assert.EndsWith("/Account/Login", complete.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/Manage")).StatusCode);
    }

    public void Dispose() => portal.Dispose();
}
