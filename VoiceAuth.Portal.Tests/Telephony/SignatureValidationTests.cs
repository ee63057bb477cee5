using System.Net;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony;

public sealed class SignatureValidationTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    private async Task<(Guid Id, string CallSid, Dictionary<string, string> Form, string Path)> LiveCallAsync()
    {
        var user = await portal.CreateCallerAsync($"sig{Guid.NewGuid():N}@example.com", enrolled: true);
        var (id, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        return (id, callSid, new() { ["CallSid"] = callSid, ["AnsweredBy"] = "human" }, $"/twilio/voice/{id:N}/answer");
    }

    [Fact]
    public async Task A_correctly_signed_webhook_is_answered_with_TwiML()
    {
        var (id, _, form, path) = await LiveCallAsync();

        var response = await portal.CreateClient().PostSignedAsync(portal.AuthToken, path, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<Gather", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SessionState.Answered, (await portal.SessionAsync(id)).State);
    }

    [Fact]
    public async Task A_webhook_without_a_signature_gets_403_and_changes_nothing()
    {
        var (id, _, form, path) = await LiveCallAsync();
        var before = await portal.SessionAsync(id);

        var response = await portal.CreateClient().PostAsync(path, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var after = await portal.SessionAsync(id);
        Assert.Equal(before.State, after.State);
        Assert.Equal(before.Version, after.Version);
    }

    [Theory]
    [InlineData("recorded?step=abc")]
    [InlineData("recorded?step=99999999999999999999")]
    [InlineData("wait?poll=x")]
    public async Task An_unsigned_webhook_with_a_malformed_query_gets_403_before_anything_reads_it(string action)
    {
        var (id, callSid, _, _) = await LiveCallAsync();

        var response = await portal.CreateClient().PostAsync($"/twilio/voice/{id:N}/{action}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = callSid }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_signed_with_another_token_or_over_other_fields_gets_403()
    {
        var (id, _, form, path) = await LiveCallAsync();
        var client = portal.CreateClient();

        var wrongToken = await client.PostSignedAsync("not-the-token", path, form);

        var tampered = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["AnsweredBy"] = "machine_start" }),
        };
        tampered.Headers.Add("X-Twilio-Signature", TwilioSigner.Sign(portal.AuthToken, new Uri(client.BaseAddress!, path).AbsoluteUri, form));
        var forged = await client.SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(SessionState.Calling, (await portal.SessionAsync(id)).State);
    }

    [Fact]
    public async Task Status_callbacks_are_guarded_too()
    {
        var (id, callSid, _, _) = await LiveCallAsync();

        var response = await portal.CreateClient().PostAsync($"/twilio/status/{id:N}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CallSid"] = callSid,
            ["CallStatus"] = "busy",
            ["SequenceNumber"] = "3",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(SessionState.Calling, (await portal.SessionAsync(id)).State);
    }

    public void Dispose() => portal.Dispose();
}

public sealed class ProxiedSignatureTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    public ProxiedSignatureTests() => portal.Settings["Twilio:PublicBaseUrl"] = "https://voice.example.com/portal/";

    [Fact]
    public async Task Behind_a_proxy_the_signature_covers_the_public_url_Twilio_used()
    {
        var user = await portal.CreateCallerAsync("proxy@example.com", enrolled: true);
        var (id, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        var path = $"/twilio/voice/{id:N}/answer";
        var form = new Dictionary<string, string> { ["CallSid"] = callSid };
        var client = portal.CreateClient();

        var signedForInternalUrl = await client.PostSignedAsync(portal.AuthToken, path, form);
        var signedForPublicUrl = await client.PostSignedAsync(portal.AuthToken, path, form, signedUrl: $"https://voice.example.com/portal{path}");

        Assert.Equal(HttpStatusCode.Forbidden, signedForInternalUrl.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedForPublicUrl.StatusCode);
        // TwiML points Twilio back at the public address.
        Assert.Contains($"https://voice.example.com/portal/twilio/voice/{id:N}/consent", await signedForPublicUrl.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => portal.Dispose();
}
