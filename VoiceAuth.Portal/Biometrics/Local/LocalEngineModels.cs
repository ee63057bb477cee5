using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>
/// Where the built-in engine and its warm-up (<see cref="EngineWarmUp"/>) get the background models: the shipped ones,
/// read once per process (<see cref="BackgroundModel.Shipped"/>), so every host in a process — the tests start hundreds —
/// shares one model and its one-time precomputation. Tests replace it to watch a fresh copy warm up, to hold the warm-up,
/// or to hand it a damaged model.
/// </summary>
internal sealed class LocalEngineModels(Func<BackgroundModel> current, Func<IReadOnlyList<BackgroundModel>> earlier)
{
    public static LocalEngineModels Shipped { get; } = new(() => BackgroundModel.Shipped, () => BackgroundModel.ShippedEarlier);

    /// <summary>The model new voiceprints are made with (read on first use; throws if it cannot be read).</summary>
    public BackgroundModel Current => current();

    /// <summary>Earlier models whose voiceprints are still scored.</summary>
    public IReadOnlyList<BackgroundModel> Earlier => earlier();
}
