using System.Text;
using System.Text.Json;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

public sealed class VoiceItLoggingTests
{
    [Fact]
    public async Task Logs_at_every_level_hold_no_user_id_key_token_or_credentials()
    {
        var logs = new CapturingLoggerProvider();
        await using var harness = await VoiceItHarness.StartAsync(logs: logs);
        var provider = harness.Provider;

        var voiceprint = (await provider.CreateProfileAsync(default)).Voiceprint!;
        for (var i = 0; i < 3; i++)
        {
            voiceprint = (await provider.EnrollAsync(voiceprint, new AudioInput(TestWav.Tone(2, 150 + i)), default)).Voiceprint;
        }

        harness.Stub.Enqueue(StubRoutes.Verify, StubAnswer.Code("UNAC"));
        await provider.VerifyAsync(voiceprint, new AudioInput(TestWav.Tone(2)), default);
        harness.Stub.Fault(new StubFault.ServerError(503)); // a retry log line too (deletes are retried)
        await provider.DeleteAsync(voiceprint, default);

        var userId = JsonDocument.Parse(voiceprint.Data).RootElement.GetProperty("userId").GetString()!;
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{VoiceItStub.ApiKey}:{VoiceItStub.ApiToken}"));
        var all = logs.All;
        Assert.Contains("retrying", all, StringComparison.Ordinal);
        Assert.Contains(userId[^4..], all, StringComparison.Ordinal); // shortened references are there
        foreach (var secret in new[] { userId, userId[4..], VoiceItStub.ApiKey, VoiceItStub.ApiToken, credentials })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }
}
