using System.Globalization;
using VoiceAuth.Portal.Biometrics.Local.Scoring;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>One trial as the engine decided it.</summary>
/// <param name="Fold">The leave-speakers-out fold it belongs to, empty otherwise.</param>
internal sealed record ScoredTrial(string Model, string Wav, string Label, VerificationOutcome Outcome, string Fold = "")
{
    public const string Header = "model wav label decision score reason fused llr tnorm dtw_ratio replay snr_db speech_s";

    public bool Accepted => Outcome.Decision == BiometricDecision.Accepted;

    /// <summary>Refused before scoring with a reason the caller hears (quality): asked again, neither a pass nor a fail.</summary>
    public bool Retried => Outcome.Decision == BiometricDecision.Retry;

    /// <summary>The continuous score for EER and minDCF: refusals before scoring (quality, replay) rank below everything.</summary>
    public double Continuous => Outcome.Breakdown is { } b && !double.IsNegativeInfinity(b.Fused) ? b.Fused : -1e6;

    public string ToLine()
    {
        var b = Outcome.Breakdown;
        return string.Join(' ', Model, Wav, Label, Outcome.Decision, Outcome.Score, Outcome.Reason, F(Continuous), F(b?.Llr), F(b?.NormalisedLlr),
            F(b?.DtwRatio), F(b?.ReplaySimilarity), F(b?.SnrDb), F(b?.SpeechSeconds));
    }

    private static string F(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
