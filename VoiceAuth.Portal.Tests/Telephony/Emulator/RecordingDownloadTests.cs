using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

public sealed class RecordingDownloadTests
{
    private static async Task<(EmulatorHarness Harness, string RecordingUrl)> RecordAsync(Action<TwilioEmulatorOptions>? configure = null, byte[]? speech = null)
    {
        var h = new EmulatorHarness(configure);
        h.Phone(new ScriptedHandset().Speak(speech ?? TestAudio.Tone(2, leadingSilence: 1)));
        h.Portal.Twiml("/voice", "<Record action=\"/recorded\"/>").Twiml("/recorded", "<Hangup/>");
        await h.CallAndWaitAsync();
        return (h, h.Portal.To("/recorded").Single()["RecordingUrl"]);
    }

    private static HttpClient Downloader(EmulatorHarness h, string? token = EmulatorHarness.AuthToken)
    {
        var client = new HttpClient(h.Emulator.CreateApiHandler());
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{h.Emulator.AccountSid}:{token}")));
        }

        return client;
    }

    [Fact]
    public async Task The_recording_is_an_8_kHz_mono_16_bit_wav_with_silence_trimmed()
    {
        var (h, url) = await RecordAsync(speech: TestAudio.Tone(2, sampleRate: 44100, channels: 2, leadingSilence: 1));
        await using var _ = h;
        using var client = Downloader(h);

        var response = await client.GetAsync(url + ".wav");
        var wav = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/x-wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(20)));   // PCM
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)));   // mono
        Assert.Equal(8000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34)));
        var seconds = (wav.Length - 44) / 16000.0;
        Assert.InRange(seconds, 2.0, 2.25); // the 1 s of leading silence is gone, 100 ms margins kept
        Assert.Equal(wav, await client.GetByteArrayAsync(url)); // Twilio serves WAV without an extension too
    }

    [Fact]
    public async Task Media_requires_basic_auth_with_the_account_credentials()
    {
        var (h, url) = await RecordAsync();
        await using var _ = h;
        using var anonymous = Downloader(h, token: null);
        using var wrong = Downloader(h, token: "not-the-token-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url + ".wav")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(url + ".wav")).StatusCode);
    }

    [Fact]
    public async Task A_recording_not_yet_available_answers_404_for_the_first_fetches_then_200()
    {
        var (h, url) = await RecordAsync(o => o.Faults.RecordingNotFoundFetches = 2);
        await using var _ = h;
        using var client = Downloader(h);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync(url + ".wav")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task A_deleted_recording_is_gone_and_the_deletion_is_provable()
    {
        var (h, url) = await RecordAsync();
        await using var _ = h;
        using var client = Downloader(h);
        var sid = url[(url.LastIndexOf('/') + 1)..];

        var deleted = await client.DeleteAsync(url + ".json");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url + ".wav")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url + ".json")).StatusCode);
        var recording = h.Emulator.Recordings.Find(sid);
        Assert.NotNull(recording);
        Assert.True(recording.IsDeleted);
        Assert.NotNull(recording.DeletedAt);
        Assert.Equal(0, h.Emulator.Recordings.StoredCount);
    }

    [Fact]
    public async Task Recordings_beyond_the_limit_are_evicted_oldest_first()
    {
        await using var h = new EmulatorHarness(o => o.MaxRecordings = 2);
        var phone = h.Phone(new ScriptedHandset().Speak(TestAudio.Tone(1)).Speak(TestAudio.Tone(1)).Speak(TestAudio.Tone(1)));
        h.Portal.Twiml("/voice", "<Record action=\"/r1\"/>").Twiml("/r1", "<Record action=\"/r2\"/>").Twiml("/r2", "<Record action=\"/r3\"/>").Twiml("/r3", "<Hangup/>");

        var call = await h.CallAndWaitAsync();

        Assert.Equal(3, call.RecordingSids.Count);
        Assert.Null(h.Emulator.Recordings.Find(call.RecordingSids[0]));
        Assert.NotNull(h.Emulator.Recordings.Find(call.RecordingSids[2]));
        Assert.Equal(call.Sid, phone.LastCall?.Sid);
    }
}
