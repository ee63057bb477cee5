namespace VoiceAuth.Portal.Biometrics;

/// <summary>
/// The configured engine (new enrollments and verifications) and every engine the portal can still reach, so a
/// voiceprint made by an engine that is no longer the active one can at least be deleted there.
/// </summary>
public sealed class BiometricEngines(IEnumerable<IVoiceBiometrics> engines, IVoiceBiometrics active)
{
    public IVoiceBiometrics Active { get; } = active;

    public IVoiceBiometrics? Find(string engine) => engines.FirstOrDefault(e => e.Engine == engine);
}
