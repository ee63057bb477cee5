using VoiceAuth.Portal.Biometrics;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// The settings an administrator may change at run time. Everything else stays in configuration: secrets, URLs and
/// engine internals are an operator's deployment choices, not a console's.
/// </summary>
public static class SettingCatalog
{
    public const string Threshold = "Biometrics:Local:Threshold";
    public const string Engine = BiometricsExtensions.ProviderKey;
    public const string Passphrase = "Verification:Phrase";

    public static readonly IReadOnlyList<SettingDefinition> All =
    [
        new(Passphrase, "Passphrase", "What callers say. Voiceprints enrolled in text-dependent mode hold the passphrase they were made with: after a change, those people must enroll again.",
            IsNumber: false, StrandsVoiceprints: true),
        new(Engine, "Voice engine", "Local (built in) or VoiceIt. Voiceprints do not carry over between engines: everyone enrolled with the other engine must enroll again. VoiceIt needs its key and token configured when the portal starts.",
            IsNumber: false, Choices: ["Local", "VoiceIt"], StrandsVoiceprints: true),
        new(Threshold, "Decision threshold (built-in engine)", "Minimum score (0–100) for a match. Higher: fewer impostors accepted, more genuine callers refused.",
            IsNumber: true),
        new("Verification:VerifyAttemptsPerCall", "Attempts per call", "Tries to match in one verification call.", IsNumber: true),
        new("Verification:MaxRetriesPerCall", "Re-recordings per call", "Recordings asked again in one call because they could not be used (noise, silence).", IsNumber: true),
        new("Verification:LockoutFailures", "Lockout after failures", "Consecutive failed verifications, across calls, that lock voice verification.", IsNumber: true),
        new("Verification:LockoutMinutes", "Lockout duration (minutes)", "How long voice verification stays locked.", IsNumber: true),
        new("Verification:CallsPerWindow", "Calls per person per window", "Calls one person — and one number — may get within the window.", IsNumber: true),
        new("Verification:CallWindowMinutes", "Window (minutes)", "The window the calls-per-window limit counts in.", IsNumber: true),
        new("Verification:CallsPerDay", "Calls per person per day", "Calls one person (and one number) may get per day.", IsNumber: true),
        new("Verification:CallsPerAddressPerHour", "Calls per network address per hour", "Calls the portal's pages may ask for from one address per hour.", IsNumber: true),
        new("Verification:CallsPerHour", "Calls per hour (whole portal)", "A ceiling on what abuse or a bug can cost.", IsNumber: true),
        new("Verification:MaxActiveCalls", "Calls at once (whole portal)", "Calls live at the same time across the portal.", IsNumber: true),
        new("Verification:SessionMinutes", "Session lifetime (minutes)", "A session and its one call are void after this long.", IsNumber: true),
    ];

    public static SettingDefinition? Find(string keyOrSlug) =>
        All.FirstOrDefault(d => string.Equals(d.Key, keyOrSlug, StringComparison.OrdinalIgnoreCase)
            || string.Equals(d.Slug, keyOrSlug, StringComparison.OrdinalIgnoreCase));
}
