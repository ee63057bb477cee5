namespace VoiceAuth.Portal.Biometrics;

/// <summary>
/// The engine in force (new enrollments and verifications) and every engine the portal can still reach, so a
/// voiceprint made by an engine that is no longer the active one can at least be deleted there.
/// </summary>
/// <param name="fallback">The engine chosen at start-up, used while <paramref name="provider"/> names none that is registered.</param>
/// <param name="provider">The configured <c>Biometrics:Provider</c>, read on every use: an administrator may switch engines
/// in the settings without a restart (the settings page only offers an engine that was registered at start-up).</param>
public sealed class BiometricEngines(IEnumerable<IVoiceBiometrics> engines, IVoiceBiometrics fallback, Func<string?>? provider = null)
{
    private readonly IReadOnlyList<IVoiceBiometrics> all = engines.ToList();

    public IVoiceBiometrics Active => provider?.Invoke() is { } name && Find(EngineNameOf(name)) is { } chosen ? chosen : fallback;

    public IVoiceBiometrics? Find(string engine) => all.FirstOrDefault(e => e.Engine == engine);

    /// <summary>The engine name (as stored on voiceprints) of a <c>Biometrics:Provider</c> value.</summary>
    public static string EngineNameOf(string provider) =>
        provider.Equals("VoiceIt", StringComparison.OrdinalIgnoreCase) ? VoiceIt.VoiceItVoiceprint.Engine
        : provider.Equals("Local", StringComparison.OrdinalIgnoreCase) ? Local.LocalVoiceBiometrics.EngineName
        : provider;
}
