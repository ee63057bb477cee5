using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Recordings;

namespace VoiceAuth.Emulator.Calls;

/// <summary>What every running call shares: configuration, the way to the portal, the carrier's storage and phones.</summary>
internal sealed class CallServices(
    TwilioEmulatorOptions options,
    string authToken,
    WebhookClient webhooks,
    RecordingStore recordings,
    HandsetRegistry handsets,
    EmulatorLog log,
    TimeProvider time)
{
    public TwilioEmulatorOptions Options { get; } = options;

    public string AuthToken { get; } = authToken;

    public WebhookClient Webhooks { get; } = webhooks;

    public RecordingStore Recordings { get; } = recordings;

    public HandsetRegistry Handsets { get; } = handsets;

    public EmulatorLog Log { get; } = log;

    public TimeProvider Time { get; } = time;

    /// <summary>Seconds a &lt;Say&gt; takes at the configured speaking rate (a short lead-in included).</summary>
    public double SpeechSeconds(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return Math.Max(0.5, 0.3 + (words / Options.WordsPerSecond));
    }
}
