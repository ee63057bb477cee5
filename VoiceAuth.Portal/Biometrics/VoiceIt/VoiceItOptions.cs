namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>Section <c>Biometrics:VoiceIt</c>: the VoiceIt API 2 account and how patiently to talk to it.</summary>
/// <remarks>Key and token are secrets: set them with user-secrets or environment variables, never in appsettings.json.</remarks>
public sealed class VoiceItOptions
{
    public const string Section = "Biometrics:VoiceIt";

    /// <summary>API key from the VoiceIt dashboard: <c>key_</c> followed by 32 characters (the Basic auth user).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>API token: <c>tok_</c> followed by 32 characters (the Basic auth password).</summary>
    public string ApiToken { get; set; } = "";

    /// <summary>Content language of the phrase, e.g. <c>en-US</c> (or VoiceIt's <c>no-STT</c>).</summary>
    public string ContentLanguage { get; set; } = "en-US";

    /// <summary>The passphrase; it must be approved for the account in the dashboard, else VoiceIt answers INPP.</summary>
    public string Phrase { get; set; } = "Never forget tomorrow is a new day";

    /// <summary>API root; tests point it at a loopback stub. Plain http is accepted for loopback hosts only.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.voiceit.io");

    /// <summary>Limit for one attempt (sending the recording and reading the answer).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Tries per call, the first included, when VoiceIt times out, drops the connection or answers 5xx.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Back-off before the second try; it doubles for each further try (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Recordings larger than this are refused before upload (five seconds of 48 kHz stereo PCM is under 1 MB).</summary>
    public int MaxRecordingBytes { get; set; } = 2 * 1024 * 1024;
}
