using System.Globalization;
using VoiceAuth.Portal.Biometrics.Local.Scoring;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>One trial as the engine decided it.</summary>
/// <param name="Fold">The leave-speakers-out fold it belongs to, empty otherwise.</param>
internal sealed record ScoredTrial(string Model, string Wav, string Label, VerificationOutcome Outcome, string Fold = "")
{
    public const string Header = "model wav label decision score reason fused llr tnorm dtw_ratio replay snr_db speech_s centre genuine";

    public bool Accepted => Outcome.Decision == BiometricDecision.Accepted;

    /// <summary>Refused before scoring with a reason the caller hears (quality): asked again, neither a pass nor a fail.</summary>
    public bool Retried => Outcome.Decision == BiometricDecision.Retry;

    /// <summary>
    /// The continuous score for EER, minDCF and the DET curve: the fused score's distance from the centre the decision
    /// used (the voiceprint's own, with the noise shift), so that they rank trials as the 0–100 score does; refusals
    /// before scoring (quality, replay) rank below everything.
    /// </summary>
    public double Continuous => Fused is var f && f > Refused ? f - (Outcome.Breakdown!.Centre is var c && double.IsFinite(c) ? c : 0) : Refused;

    /// <summary>The fused score, or <see cref="Refused"/> (the score file's <c>fused</c> column).</summary>
    private double Fused => Outcome.Breakdown is { } b && !double.IsNegativeInfinity(b.Fused) ? b.Fused : Refused;

    private const double Refused = -1e6;

    public string ToLine()
    {
        var b = Outcome.Breakdown;
        return string.Join(' ', Model, Wav, Label, Outcome.Decision, Outcome.Score, Outcome.Reason, F(Fused), F(b?.Llr), F(b?.NormalisedLlr),
            F(b?.DtwRatio), F(b?.ReplaySimilarity), F(b?.SnrDb), F(b?.SpeechSeconds), F(b?.Centre), F(GenuineLevel));
    }

    /// <summary>The voiceprint's stored genuine level (round 12), so that a study can recompute its own centre at another shared one.</summary>
    private double? GenuineLevel => Outcome.Voiceprint is { } v ? Voiceprints.VoiceprintFormat.Read(v)?.GenuineLevel : null;

    private static string F(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
