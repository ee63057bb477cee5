using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Telephony.Twilio;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Telephony.Calls;

namespace VoiceAuth.Portal.Tests.Telephony;

/// <summary>What the official SDK actually puts on the wire when the portal places a call.</summary>
public sealed class CreateCallRequestTests : IDisposable
{
    private readonly ConcurrentQueue<(HttpMethod Method, Uri Uri, string? Authorization, string Body)> sent = new();
    private readonly EmulatedPortal portal = new();

    public CreateCallRequestTests()
    {
        portal.TestServices.Add(services => services.AddHttpClient(TwilioTelephony.HttpClientName)
            .AddHttpMessageHandler(() => new Capture(sent)));
        portal.Started();
    }

    [Fact]
    public async Task The_create_call_request_carries_every_field_the_flow_relies_on()
    {
        var (user, phone) = await portal.CreateCallerAsync("wire@example.com", new VoiceAuth.Emulator.Testing.ScriptedHandset { Answer = VoiceAuth.Emulator.Handsets.AnswerKind.Busy });
        var started = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user, SessionPurpose.Enroll, CancellationToken.None);

        var (_, uri, authorization, body) = sent.Single(r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath.EndsWith("/Calls.json", StringComparison.Ordinal));
        var form = QueryHelpers.ParseQuery(body);
        var id = started.SessionId!.Value;
        var account = portal.Services.GetRequiredService<TwilioAccount>();

        Assert.Equal($"https://api.twilio.com/2010-04-01/Accounts/{account.AccountSid}/Calls.json", uri.AbsoluteUri);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.AccountSid}:{account.AuthToken}")), authorization);
        Assert.Equal(phone, form["To"]);
        Assert.Equal(account.FromNumber, form["From"]);
        Assert.Equal($"http://localhost/twilio/voice/{id:N}/answer", form["Url"]);
        Assert.Equal("POST", form["Method"]);
        Assert.Equal($"http://localhost/twilio/status/{id:N}", form["StatusCallback"]);
        Assert.Equal("initiated,ringing,answered,completed", form["StatusCallbackEvent"].ToString());
        Assert.Equal("POST", form["StatusCallbackMethod"]);
        Assert.Equal("30", form["Timeout"]);
        Assert.Equal("Enable", form["MachineDetection"]);
        Assert.Equal("180", form["TimeLimit"]);
    }

    public void Dispose() => portal.Dispose();

    private sealed class Capture(ConcurrentQueue<(HttpMethod, Uri, string?, string)> sent) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            sent.Enqueue((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
