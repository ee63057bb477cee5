using System.Diagnostics;
using System.Globalization;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Hundreds_of_concurrent_calls_complete_without_errors_and_recordings_stay_bounded()
    {
        const int calls = 400;
        await using var h = new EmulatorHarness(o => o.MaxRecordings = 100);
        var speech = TestAudio.Tone(1, sampleRate: 8000);
        var numbers = Enumerable.Range(0, calls).Select(i => $"+1201555{i:D4}").ToList();
        foreach (var number in numbers)
        {
            h.Phone(new ScriptedHandset().PressDigits("1").Speak(speech), number);
        }

        h.Portal
            .Twiml("/voice", "<Say>Welcome.</Say><Gather numDigits=\"1\" action=\"/consent\"><Say>Press 1.</Say></Gather>")
            .Twiml("/consent", "<Record action=\"/recorded\" maxLength=\"3\"/>")
            .Twiml("/recorded", "<Say>Goodbye.</Say>");
        var clock = Stopwatch.StartNew();

        using var gate = new SemaphoreSlim(100);
        var results = await Task.WhenAll(numbers.Select(async number =>
        {
            await gate.WaitAsync();
            try
            {
                var call = await CallResource.CreateAsync(new PhoneNumber(number), new PhoneNumber(h.Emulator.DefaultFromNumber),
                    url: new Uri(FakePortal.BaseUrl + "/voice"), statusCallback: new Uri(FakePortal.BaseUrl + "/status"), client: h.Client);
                return await h.Emulator.WaitForCallAsync(call.Sid, TimeSpan.FromSeconds(60));
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(results, r => Assert.Equal("completed", r.Status));
        Assert.All(results, r => Assert.Empty(r.Errors));
        Assert.All(results, r => Assert.Equal(["Welcome.", "Press 1.", "Goodbye."], r.Said));
        Assert.Equal(calls, h.Portal.To("/recorded").Select(r => r["RecordingSid"]).Distinct().Count());
        Assert.InRange(h.Emulator.Recordings.StoredCount, 1, 101);
        Assert.Equal(calls, h.Portal.To("/status").Count(s => s["CallStatus"] == "completed"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), clock.Elapsed.TotalSeconds.ToString(CultureInfo.InvariantCulture));
    }
}
