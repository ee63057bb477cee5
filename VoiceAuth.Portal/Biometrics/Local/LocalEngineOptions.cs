namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>How the built-in engine listens: to a fixed passphrase or to any speech.</summary>
public enum VerificationMode
{
    /// <summary>Everyone says the same passphrase; the wrong words are refused (the phone flow's default).</summary>
    TextDependent,
    /// <summary>Any speech; needed for random challenge phrases.</summary>
    TextIndependent,
}

/// <summary>Settings of the built-in engine, bound from <c>Biometrics:Local</c>.</summary>
public sealed class LocalEngineOptions
{
    public const string Section = "Biometrics:Local";

    /// <summary>Text-dependent (default) or text-independent. A voiceprint keeps the mode it was enrolled in.</summary>
    public VerificationMode Mode { get; set; } = VerificationMode.TextDependent;

    /// <summary>Minimum 0–100 score to accept. The default's measured false-accept rate is in docs/benchmarks.md.</summary>
    public int Threshold { get; set; } = 50;

    /// <summary>The passphrase people are asked to say in text-dependent mode.</summary>
    public string Passphrase { get; set; } = "Never forget tomorrow is a new day";

    /// <summary>Fingerprint agreement (0.5–1) at or above which a recording is refused as a replay.</summary>
    public double ReplaySimilarity { get; set; } = 0.645;

    /// <summary>Verification recordings remembered per voiceprint for the replay check (enrollments are always kept).</summary>
    public int ReplayHistory { get; set; } = 10;

    /// <summary>Speech needed after trimming silence, in seconds.</summary>
    public double MinSpeechSeconds { get; set; } = 1.0;

    /// <summary>Longest recording accepted, in seconds.</summary>
    public double MaxRecordingSeconds { get; set; } = 30;

    /// <summary>Largest WAV file accepted, in bytes.</summary>
    public int MaxFileBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Lowest estimated speech-to-noise ratio accepted, in dB (speech frames sit at least 6 dB above the floor by construction).</summary>
    public double MinSnrDb { get; set; } = 9;

    /// <summary>Quietest average speech level accepted, in dB relative to full scale.</summary>
    public double MinSpeechLevelDb { get; set; } = -50;

    /// <summary>Largest share of samples at full scale before a recording counts as clipped.</summary>
    public double MaxClippedFraction { get; set; } = 0.01;

    /// <summary>
    /// Load the model and do its one-time precomputation (≈ 2 s of CPU) in the background right after start, and stay
    /// unready (<c>/health/ready</c> 503) and refuse calls as busy until it is done (<see cref="EngineWarmUp"/>). Off,
    /// the first enrollment or S-norm verification after start pays for it instead (the test suite, which starts hundreds of hosts).
    /// </summary>
    public bool WarmUp { get; set; } = true;
}
