using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

/// <summary>The official SDK, unchanged, reaching the standalone emulator on loopback through the redirect handler.</summary>
public sealed class SdkAgainstEmulatorTests : IAsyncLifetime, IAsyncDisposable
{
    private const string Token = "sdk-test-token-0123456789";
    private readonly FakePortal portal = new();
    private StandaloneTwilioEmulator standalone = default!;
    private System.Net.Http.HttpClient http = default!;

    private TwilioEmulator Emulator => standalone.Emulator;

    public async Task InitializeAsync()
    {
        standalone = await StandaloneTwilioEmulator.StartAsync(new TwilioEmulatorOptions { AuthToken = Token, CallsPerSecondLimit = 5 });
        Emulator.UsePortalHandler(portal.Handler);
        http = standalone.CreateSdkHttpClient();
    }

    private TwilioRestClient Client(string token = Token) => new(Emulator.AccountSid, token, httpClient: new SystemNetHttpClient(http));

    private CreateCallOptions Call(string to = EmulatorHarness.Callee, string? from = null) =>
        new(new PhoneNumber(to), new PhoneNumber(from ?? Emulator.DefaultFromNumber))
        {
            Url = new Uri(FakePortal.BaseUrl + "/voice"),
            StatusCallback = new Uri(FakePortal.BaseUrl + "/status"),
            StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
            Timeout = 20,
            MachineDetection = "Enable",
        };

    [Fact]
    public async Task Create_fetch_and_delete_the_recording_through_the_real_sdk()
    {
        Emulator.Handsets.Register(EmulatorHarness.Callee, new ScriptedHandset().Speak(TestAudio.Tone(2)));
        portal.Twiml("/voice", "<Record action=\"/recorded\" maxLength=\"4\"/>").Twiml("/recorded", "<Hangup/>");

        var created = await CallResource.CreateAsync(Call(), Client());
        Assert.StartsWith("CA", created.Sid, StringComparison.Ordinal);
        Assert.Equal(CallResource.StatusEnum.Queued, created.Status);
        Assert.Equal(EmulatorHarness.Callee, created.To);

        await Emulator.WaitForCallAsync(created.Sid, TimeSpan.FromSeconds(10));
        var fetched = await CallResource.FetchAsync(created.Sid, client: Client());
        Assert.Equal(CallResource.StatusEnum.Completed, fetched.Status);
        Assert.Equal("human", fetched.AnsweredBy);
        Assert.True(int.Parse(fetched.Duration, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotNull(fetched.StartTime);

        var recordingSid = portal.To("/recorded").Single()["RecordingSid"];
        var recording = await RecordingResource.FetchAsync(recordingSid, client: Client());
        Assert.Equal(created.Sid, recording.CallSid);
        Assert.Equal("2", recording.Duration);

        Assert.True(await RecordingResource.DeleteAsync(recordingSid, client: Client()));
        Assert.True(Emulator.Recordings.Find(recordingSid)!.IsDeleted);
        var again = await Assert.ThrowsAsync<ApiException>(() => RecordingResource.DeleteAsync(recordingSid, client: Client()));
        Assert.Equal(20404, again.Code);
    }

    [Fact]
    public async Task A_ringing_call_is_canceled_through_the_sdk()
    {
        // No handset on the number: it rings for real until its timeout, long enough to cancel.
        var created = await CallResource.CreateAsync(Call(), Client());
        await WaitForStatusAsync(created.Sid, "ringing");

        var updated = await CallResource.UpdateAsync(created.Sid, status: CallResource.UpdateStatusEnum.Canceled, client: Client());

        Assert.Equal(created.Sid, updated.Sid);
        var call = await Emulator.WaitForCallAsync(created.Sid, TimeSpan.FromSeconds(5));
        Assert.Equal("canceled", call.Status);
        Assert.Equal("canceled", portal.To("/status")[^1]["CallStatus"]);
    }

    [Fact]
    public async Task An_answered_call_is_hung_up_through_the_sdk()
    {
        var softphone = new BlockingHandset();
        Emulator.Handsets.Register(EmulatorHarness.Callee, softphone);
        portal.Twiml("/voice", "<Gather numDigits=\"1\" action=\"/consent\"><Say>Press 1.</Say></Gather>");
        var created = await CallResource.CreateAsync(Call(), Client());
        await softphone.Gathering.WaitAsync(TimeSpan.FromSeconds(5));

        var updated = await CallResource.UpdateAsync(created.Sid, status: CallResource.UpdateStatusEnum.Completed, client: Client());

        Assert.Equal(created.Sid, updated.Sid);
        var call = await Emulator.WaitForCallAsync(created.Sid, TimeSpan.FromSeconds(5));
        Assert.Equal("completed", call.Status);
        Assert.Equal(VoiceAuth.Emulator.Calls.CallEndReason.ApiHungUp, call.EndReason);
        Assert.Empty(portal.To("/consent"));
    }

    [Theory]
    [InlineData("+1555", 21211)]
    [InlineData("12015550123", 21211)]
    [InlineData("+19999999999", 21211)]
    public async Task An_invalid_To_number_is_refused_with_21211(string to, int code)
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(Call(to), Client()));

        Assert.Equal(code, error.Code);
        Assert.Equal(400, error.Status);
        Assert.Empty(Emulator.Calls);
    }

    [Fact]
    public async Task A_From_number_the_account_does_not_own_is_refused()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(Call(from: "+12015550199"), Client()));

        Assert.Equal(21210, error.Code);
    }

    [Fact]
    public async Task Wrong_credentials_get_401_with_error_20003()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(Call(), Client("wrong-token-0123456789")));

        Assert.Equal(20003, error.Code);
        Assert.Equal(401, error.Status);
        Assert.Empty(Emulator.Calls);
    }

    [Fact]
    public async Task Too_many_calls_per_second_get_429_with_error_20429()
    {
        var attempts = Enumerable.Range(0, 30).Select(async _ =>
        {
            try
            {
                await CallResource.CreateAsync(Call(), Client());
                return 0;
            }
            catch (ApiException e)
            {
                return e.Code;
            }
        });

        var codes = await Task.WhenAll(attempts);

        Assert.Contains(20429, codes);
        Assert.InRange(codes.Count(c => c == 0), 5, 25); // 5 a second, even if the burst spans several seconds
    }

    [Fact]
    public async Task The_error_body_is_shaped_like_twilios()
    {
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Get, $"https://api.twilio.com/2010-04-01/Accounts/{Emulator.AccountSid}/Calls/CA0.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Emulator.AccountSid}:{Token}")));

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(20404, json.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("https://www.twilio.com/docs/errors/20404", json.RootElement.GetProperty("more_info").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("message").GetString()));
    }

    private async Task WaitForStatusAsync(string sid, string status)
    {
        for (var i = 0; i < 100 && Emulator.GetCall(sid)?.Status != status; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(status, Emulator.GetCall(sid)?.Status);
    }

    public async ValueTask DisposeAsync()
    {
        await standalone.DisposeAsync();
        await portal.DisposeAsync();
        http.Dispose();
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
