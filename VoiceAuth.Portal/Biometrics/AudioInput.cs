namespace VoiceAuth.Portal.Biometrics;

/// <summary>A recording as received (a WAV file's bytes); engines parse and check it themselves.</summary>
/// <param name="Wav">The whole file. Never logged.</param>
/// <param name="Phrase">The passphrase the person was asked to say, when the flow knows it.</param>
/// <param name="EarlierScores">
/// Scores of the attempts already refused in the same call (verification only). The built-in engine lets the evidence
/// accumulate: a later attempt passes only if the call's attempts together clear the threshold. Engines may ignore it.
/// </param>
public sealed record AudioInput(ReadOnlyMemory<byte> Wav, string? Phrase = null, IReadOnlyList<int>? EarlierScores = null);
