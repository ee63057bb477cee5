using Microsoft.Extensions.Logging.Abstractions;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

/// <summary>
/// An emulator wired to a <see cref="FakePortal"/>, with the real Twilio SDK reaching it in-process. Calls go to
/// <see cref="Callee"/> unless a test says otherwise.
/// </summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    public const string Callee = "+12015550123";
    public const string AuthToken = "test-auth-token-0123456789";

    private readonly System.Net.Http.HttpClient sdkHttp;

    public EmulatorHarness(Action<TwilioEmulatorOptions>? configure = null)
    {
        var options = new TwilioEmulatorOptions { AuthToken = AuthToken };
        configure?.Invoke(options);
        Emulator = new TwilioEmulator(options, NullLogger<TwilioEmulator>.Instance);
        Emulator.UsePortalHandler(Portal.Handler);
        sdkHttp = new System.Net.Http.HttpClient(Emulator.CreateApiHandler());
        Client = new TwilioRestClient(Emulator.AccountSid, AuthToken, httpClient: new SystemNetHttpClient(sdkHttp));
    }

    public FakePortal Portal { get; } = new();

    internal TwilioEmulator Emulator { get; }

    public TwilioRestClient Client { get; }

    internal ScriptedHandset Phone(ScriptedHandset? handset = null, string number = Callee)
    {
        handset ??= new ScriptedHandset();
        Emulator.Handsets.Register(number, handset);
        return handset;
    }

    /// <summary>Places a call with the SDK to <c>/voice</c>, with status callbacks to <c>/status</c> for every event.</summary>
    public Task<CallResource> CallAsync(string to = Callee, string? machineDetection = null, int? timeout = null) =>
        CallResource.CreateAsync(new CreateCallOptions(new PhoneNumber(to), new PhoneNumber(Emulator.DefaultFromNumber))
        {
            Url = new Uri(FakePortal.BaseUrl + "/voice"),
            StatusCallback = new Uri(FakePortal.BaseUrl + "/status"),
            StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
            MachineDetection = machineDetection,
            Timeout = timeout,
        }, Client);

    internal async Task<CallSnapshot> CallAndWaitAsync(string to = Callee, string? machineDetection = null, int? timeout = null)
    {
        var call = await CallAsync(to, machineDetection, timeout);
        return await Emulator.WaitForCallAsync(call.Sid, TimeSpan.FromSeconds(20));
    }

    public IReadOnlyList<string> StatusSequence() =>
        [.. Portal.To("/status").OrderBy(r => int.Parse(r["SequenceNumber"], System.Globalization.CultureInfo.InvariantCulture)).Select(r => r["CallStatus"])];

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Portal.DisposeAsync();
        sdkHttp.Dispose();
    }
}
