namespace VoiceAuth.Portal.Biometrics.Local.Audio;

/// <summary>Samples scaled to ±1 at their original rate, after mixing down to mono.</summary>
/// <param name="Samples">Mono samples, full scale ±1.</param>
/// <param name="SampleRate">Original sampling rate in Hz.</param>
/// <param name="ClippedFraction">Share of samples at (or within a hair of) the codec's full scale, before mixing.</param>
internal sealed record DecodedAudio(float[] Samples, int SampleRate, double ClippedFraction)
{
    public double Seconds => (double)Samples.Length / SampleRate;
}

/// <summary>Either decoded audio or the reason it was refused.</summary>
internal readonly record struct DecodeResult(DecodedAudio? Audio, ReasonCode Reason)
{
    public static DecodeResult Fail(ReasonCode reason) => new(null, reason);
}
