using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Oidc;

/// <summary>
/// VoiceAuth as an OpenID Connect provider, over HTTP: a pushed request names the person, the browser visits the
/// authorization endpoint, the call is played webhook by webhook, and the code is exchanged — and every misuse of
/// those steps is refused.
/// </summary>
public sealed class OidcProviderTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();
    private readonly ShiftedClock clock = new();

    public OidcProviderTests()
    {
        OidcClients.Register(portal);
        portal.TestServices.Add(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
    }

    private RelyingParty Shop(HttpClient? browser = null) =>
        new(portal.CreateClient(), browser ?? portal.CreateBrowserClient(), OidcClients.Shop, OidcClients.ShopSecret, OidcClients.ShopRedirect);

    private RelyingParty Other(HttpClient? browser = null) =>
        new(portal.CreateClient(), browser ?? portal.CreateBrowserClient(), OidcClients.Other, OidcClients.OtherSecret, OidcClients.OtherRedirect);

    private async Task<string> CreateConfirmedCallerAsync(string email, bool enrolled = true)
    {
        var id = await portal.CreateCallerAsync(email, enrolled);
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true)));
        return id;
    }

    /// <summary>The browser lands on the voice page; returns the ticket and the session the call belongs to.</summary>
    private async Task<(string Ticket, VerificationSession Session)> StartVoiceStepAsync(RelyingParty rp, string requestUri)
    {
        var response = await rp.AuthorizeAsync(requestUri);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/connect/voice?ticket=", location);
        var session = await portal.WithDbAsync(db => db.Sessions.AsNoTracking().Where(s => s.OidcClientId == rp.ClientId).OrderByDescending(s => s.CreatedAt).FirstAsync());
        return (Uri.UnescapeDataString(location["/connect/voice?ticket=".Length..]), session);
    }

    private static Task<HttpResponseMessage> ReturnFromVoiceStepAsync(RelyingParty rp, string requestUri, string ticket) =>
        rp.AuthorizeAsync(requestUri, $"&voice_step={Uri.EscapeDataString(ticket)}");

    /// <summary>The whole happy path up to the code at the application's redirect_uri.</summary>
    private async Task<(Dictionary<string, string> Answer, Guid SessionId)> PassAsync(RelyingParty rp, string email, string redirect)
    {
        var parameters = rp.AuthorizationParameters(loginHint: email);
        var requestUri = await rp.PushOkAsync(parameters);
        var (ticket, session) = await StartVoiceStepAsync(rp, requestUri);
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);
        var answer = RelyingParty.AnswerAt(await ReturnFromVoiceStepAsync(rp, requestUri, ticket), redirect);
        Assert.Equal(parameters["state"], answer["state"]);
        return (answer, session.Id);
    }

    [Fact]
    public async Task A_pushed_request_naming_the_person_calls_them_and_issues_a_voice_verified_id_token()
    {
        var userId = await CreateConfirmedCallerAsync("ann@example.com");
        var rp = Shop();

        var (answer, sessionId) = await PassAsync(rp, "ann@example.com", OidcClients.ShopRedirect);
        var (status, tokens) = await rp.RedeemAsync(answer["code"]);

        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = RelyingParty.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal(userId, idToken.GetProperty("sub").GetString());
        Assert.Equal("ann@example.com", idToken.GetProperty("email").GetString());
        Assert.Equal("urn:voiceauth:voice", idToken.GetProperty("acr").GetString());
        Assert.Equal(["tel", "vbm"], idToken.GetProperty("amr").EnumerateArray().Select(a => a.GetString()!).Order().ToArray());
        var completedAt = (await portal.SessionAsync(sessionId)).CompletedAt!.Value;
        Assert.Equal(completedAt.ToUnixTimeSeconds(), idToken.GetProperty("auth_time").GetInt64());
        Assert.Equal(JsonValueKind.String, tokens.GetProperty("access_token").ValueKind);
        // The call was this request's own, named the application, and its pass is spent.
        var session = await portal.SessionAsync(sessionId);
        Assert.Equal("Sample Shop", session.Client);
        Assert.NotNull(session.ConsumedAt);
    }

    [Fact]
    public async Task A_voice_sign_in_for_an_application_writes_one_sign_in_entry_naming_it_with_the_spend()
    {
        var userId = await CreateConfirmedCallerAsync("audited@example.com");

        var (_, sessionId) = await PassAsync(Shop(), "audited@example.com", OidcClients.ShopRedirect);

        var entry = Assert.Single(await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Kind == VoiceAuth.Portal.Features.Audit.AuditKind.SignInVoice).ToListAsync()));
        Assert.Equal(("Succeeded", userId, userId, "Sample Shop"), (entry.Outcome, entry.SubjectUserId, entry.ActorUserId, entry.Application));
        Assert.NotNull((await portal.SessionAsync(sessionId)).ConsumedAt);
    }

    [Fact]
    public async Task A_person_signed_in_at_VoiceAuth_still_gets_a_fresh_call_and_the_token_says_pwd_tel_vbm()
    {
        await CreateConfirmedCallerAsync("pam@example.com");
        var browser = portal.CreateBrowserClient();
        await browser.SignInAsync("pam@example.com");
        var rp = Shop(browser);
        var requestUri = await rp.PushOkAsync(rp.AuthorizationParameters()); // nobody named: VoiceAuth's own sign-in counts

        var (ticket, session) = await StartVoiceStepAsync(rp, requestUri);
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);
        var answer = RelyingParty.AnswerAt(await ReturnFromVoiceStepAsync(rp, requestUri, ticket), OidcClients.ShopRedirect);
        var (_, tokens) = await rp.RedeemAsync(answer["code"]);

        var idToken = RelyingParty.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal(["pwd", "tel", "vbm"], idToken.GetProperty("amr").EnumerateArray().Select(a => a.GetString()!).Order().ToArray());
        Assert.Equal("urn:voiceauth:voice", idToken.GetProperty("acr").GetString());
    }

    [Fact]
    public async Task Without_the_voice_acr_a_person_signed_in_at_VoiceAuth_gets_a_password_only_token_and_no_call()
    {
        await CreateConfirmedCallerAsync("pia@example.com");
        var browser = portal.CreateBrowserClient();
        await browser.SignInAsync("pia@example.com");
        var rp = Shop(browser);
        var requestUri = await rp.PushOkAsync(rp.AuthorizationParameters(voice: false));

        var answer = RelyingParty.AnswerAt(await rp.AuthorizeAsync(requestUri), OidcClients.ShopRedirect);
        var (_, tokens) = await rp.RedeemAsync(answer["code"]);

        var idToken = RelyingParty.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal(["pwd"], idToken.GetProperty("amr").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.False(idToken.TryGetProperty("acr", out _));
        Assert.Empty(portal.Telephony.Placed);
    }

    [Fact]
    public async Task Two_requests_never_share_one_call()
    {
        await CreateConfirmedCallerAsync("two@example.com");
        var rp = Shop();
        var first = await rp.PushOkAsync(rp.AuthorizationParameters(loginHint: "two@example.com"));
        var second = await rp.PushOkAsync(rp.AuthorizationParameters(loginHint: "two@example.com"));
        await StartVoiceStepAsync(rp, first);

        // Someone else with the password cannot ride on the person's own call: while it is live, a second request is refused.
        var answer = RelyingParty.AnswerAt(await Shop().AuthorizeAsync(second), OidcClients.ShopRedirect);

        Assert.Equal("access_denied", answer["error"]);
        Assert.Single(portal.Telephony.Placed);
    }

    [Fact]
    public async Task The_phone_names_the_application()
    {
        await CreateConfirmedCallerAsync("bea@example.com");
        var rp = Shop();
        var (_, session) = await StartVoiceStepAsync(rp, await rp.PushOkAsync(rp.AuthorizationParameters(loginHint: "bea@example.com")));

        var twiml = await portal.VoiceAsync("answer", session.Id, session.CallSid!);

        Assert.Contains("sign-in to Sample Shop", twiml);
    }

    [Fact]
    public async Task The_userinfo_endpoint_answers_for_the_access_token()
    {
        var userId = await CreateConfirmedCallerAsync("uma@example.com");
        var rp = Shop();
        var (answer, _) = await PassAsync(rp, "uma@example.com", OidcClients.ShopRedirect);
        var (_, tokens) = await rp.RedeemAsync(answer["code"]);
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.GetProperty("access_token").GetString());

        var userinfo = JsonDocument.Parse(await client.GetStringAsync("/connect/userinfo")).RootElement;

        Assert.Equal(userId, userinfo.GetProperty("sub").GetString());
        Assert.Equal("uma@example.com", userinfo.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_declined_call_ends_in_access_denied_at_the_application()
    {
        await CreateConfirmedCallerAsync("dan@example.com");
        var rp = Shop();
        var requestUri = await rp.PushOkAsync(rp.AuthorizationParameters(loginHint: "dan@example.com"));
        var (ticket, session) = await StartVoiceStepAsync(rp, requestUri);
        await portal.VoiceAsync("answer", session.Id, session.CallSid!);
        await portal.VoiceAsync("consent", session.Id, session.CallSid!); // no code keyed: the person refuses the call

        var answer = RelyingParty.AnswerAt(await ReturnFromVoiceStepAsync(rp, requestUri, ticket), OidcClients.ShopRedirect);

        Assert.Equal("access_denied", answer["error"]);
        Assert.False(answer.ContainsKey("code"));
    }

    [Fact]
    public async Task A_person_without_a_voiceprint_is_an_unmet_requirement_and_no_call_is_placed()
    {
        await CreateConfirmedCallerAsync("nel@example.com", enrolled: false);
        var rp = Shop();
        var requestUri = await rp.PushOkAsync(rp.AuthorizationParameters(loginHint: "nel@example.com"));

        var answer = RelyingParty.AnswerAt(await rp.AuthorizeAsync(requestUri), OidcClients.ShopRedirect);

        Assert.Equal("unmet_authentication_requirements", answer["error"]);
        Assert.Empty(portal.Telephony.Placed);
    }

    [Fact]
    public async Task Only_an_account_with_a_confirmed_e_mail_can_be_named()
    {
        var id = await portal.CreateCallerAsync("unconfirmed@example.com", enrolled: true);
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));
        var rp = Shop();
        var requestUri = await rp.PushOkAsync(rp.AuthorizationParameters(loginHint: "unconfirmed@example.com"));

        var answer = RelyingParty.AnswerAt(await rp.AuthorizeAsync(requestUri), OidcClients.ShopRedirect);

        Assert.Equal("access_denied", answer["error"]);
        Assert.Empty(portal.Telephony.Placed);
    }

    [Fact]
    public async Task A_replayed_code_is_refused()
    {
        await CreateConfirmedCallerAsync("rex@example.com");
        var rp = Shop();
        var (answer, _) = await PassAsync(rp, "rex@example.com", OidcClients.ShopRedirect);
        Assert.Equal(HttpStatusCode.OK, (await rp.RedeemAsync(answer["code"])).Status);

        var (status, body) = await rp.RedeemAsync(answer["code"]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_code_cannot_be_redeemed_by_another_client()
    {
        await CreateConfirmedCallerAsync("cat@example.com");
        var rp = Shop();
        var (answer, _) = await PassAsync(rp, "cat@example.com", OidcClients.ShopRedirect);

        var (status, body) = await rp.RedeemAsync(answer["code"], asClient: OidcClients.Other, asSecret: OidcClients.OtherSecret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task A_code_needs_the_verifier_of_its_request()
    {
        await CreateConfirmedCallerAsync("val@example.com");
        var rp = Shop();
        var (answer, _) = await PassAsync(rp, "val@example.com", OidcClients.ShopRedirect);

        var wrongVerifier = await rp.RedeemAsync(answer["code"], verifier: new string('a', 43));

        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.Status);
        Assert.Equal("invalid_grant", wrongVerifier.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_code_needs_the_redirect_uri_of_its_request()
    {
        await CreateConfirmedCallerAsync("ray@example.com");
        var rp = Shop();
        var (answer, _) = await PassAsync(rp, "ray@example.com", OidcClients.ShopRedirect);

        var wrongRedirect = await rp.RedeemAsync(answer["code"], redirect: "https://shop.example/elsewhere");

        Assert.Equal(HttpStatusCode.BadRequest, wrongRedirect.Status);
        Assert.Equal("invalid_grant", wrongRedirect.Body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("plain")]
    public async Task A_pushed_request_without_S256_PKCE_is_refused(string? method)
    {
        var rp = Shop();
        var parameters = rp.AuthorizationParameters(loginHint: "ann@example.com");
        if (method is null)
        {
            parameters.Remove("code_challenge");
            parameters.Remove("code_challenge_method");
        }
        else
        {
            parameters["code_challenge"] = rp.Verifier;
            parameters["code_challenge_method"] = method;
        }

        var (status, body) = await rp.PushAsync(parameters);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("https://shop.example/signin-oidc/")]
    [InlineData("https://shop.example/signin-oidc?x=1")]
    [InlineData("https://evil.example/signin-oidc")]
    [InlineData(OidcClients.OtherRedirect)]
    public async Task A_redirect_uri_not_registered_exactly_for_the_client_is_refused(string redirect)
    {
        var rp = Shop();
        var parameters = rp.AuthorizationParameters(loginHint: "ann@example.com");
        parameters["redirect_uri"] = redirect;

        var (status, body) = await rp.PushAsync(parameters);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_login_hint_sent_through_the_browser_without_PAR_is_refused()
    {
        await CreateConfirmedCallerAsync("vic@example.com");
        var rp = Shop();
        var query = string.Join("&", rp.AuthorizationParameters(loginHint: "vic@example.com").Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var response = await portal.CreateBrowserClient().GetAsync($"/connect/authorize?{query}");

        // Every request must be pushed: one built in the browser is refused outright, and nobody is called.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error:invalid_request", await response.Content.ReadAsStringAsync());
        Assert.Empty(portal.Telephony.Placed);
    }

    [Fact]
    public async Task A_login_hint_added_in_the_browser_to_a_pushed_request_is_ignored()
    {
        await CreateConfirmedCallerAsync("vic@example.com");
        var rp = Shop();
        var requestUri = await rp.PushOkAsync(rp.AuthorizationParameters()); // names nobody

        var response = await rp.AuthorizeAsync(requestUri, "&login_hint=vic%40example.com");

        // Nobody named: the person must sign in at VoiceAuth first; the victim's phone does not ring.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        Assert.Empty(portal.Telephony.Placed);
    }

    [Fact]
    public async Task An_expired_request_uri_is_refused()
    {
        await CreateConfirmedCallerAsync("eve@example.com");
        var rp = Shop();
        var requestUri = await rp.PushOkAsync(rp.AuthorizationParameters(loginHint: "eve@example.com"));
        clock.Offset = TimeSpan.FromMinutes(11);

        var response = await rp.AuthorizeAsync(requestUri);

        // Shown at VoiceAuth, not sent to a redirect_uri: an expired request can no longer vouch for one.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error:invalid_token", await response.Content.ReadAsStringAsync());
        Assert.Empty(portal.Telephony.Placed);
    }

    [Fact]
    public async Task A_voice_step_ticket_works_only_for_the_request_that_started_it()
    {
        await CreateConfirmedCallerAsync("tia@example.com");
        var rp = Shop();
        var requestUri = await rp.PushOkAsync(rp.AuthorizationParameters(loginHint: "tia@example.com"));
        var (ticket, session) = await StartVoiceStepAsync(rp, requestUri);
        await portal.PassVerificationCallAsync(session.Id, session.CallSid!);
        var otherRequest = await rp.PushOkAsync(rp.AuthorizationParameters(loginHint: "tia@example.com"));

        // The ticket is ignored for another request: that one starts its own call instead of spending this pass.
        var response = await ReturnFromVoiceStepAsync(rp, otherRequest, ticket);

        Assert.StartsWith("/connect/voice?ticket=", response.Headers.Location!.ToString());
        Assert.Null((await portal.SessionAsync(session.Id)).ConsumedAt);
    }

    [Fact]
    public async Task Ending_the_session_signs_out_of_VoiceAuth_and_returns_only_to_a_registered_address()
    {
        await CreateConfirmedCallerAsync("out@example.com");
        var browser = portal.CreateBrowserClient();
        await browser.SignInAsync("out@example.com");

        var unregistered = await browser.GetAsync($"/connect/endsession?client_id={OidcClients.Shop}&post_logout_redirect_uri={Uri.EscapeDataString("https://evil.example/")}");
        var ended = await browser.GetAsync($"/connect/endsession?client_id={OidcClients.Shop}&post_logout_redirect_uri={Uri.EscapeDataString(OidcClients.ShopSignedOut)}&state=s1");

        Assert.Equal(HttpStatusCode.BadRequest, unregistered.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(OidcClients.ShopSignedOut + "?state=s1", ended.Headers.Location!.ToString());
        Assert.Contains(ended.Headers.GetValues("Set-Cookie"), c => c.StartsWith("VoiceAuth.Session=;", StringComparison.Ordinal));
    }

    public void Dispose() => portal.Dispose();
}
