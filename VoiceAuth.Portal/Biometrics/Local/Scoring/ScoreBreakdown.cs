namespace VoiceAuth.Portal.Biometrics.Local.Scoring;

/// <summary>The parts of one verification score, kept for the evaluation command's score files.</summary>
/// <param name="Llr">Average GMM-UBM log-likelihood ratio.</param>
/// <param name="NormalisedLlr">The LLR after cohort (T-) normalisation.</param>
/// <param name="DtwRatio">Passphrase DTW distance relative to the enrollment's own spread (text-dependent only, else 0).</param>
/// <param name="Fused">The final score before mapping to 0–100.</param>
/// <param name="ReplaySimilarity">Highest fingerprint agreement with a remembered recording.</param>
/// <param name="SnrDb">The recording's estimated speech-to-noise ratio (quality gate), NaN when not measured.</param>
/// <param name="SpeechSeconds">Speech the voice-activity detection kept, NaN when not measured.</param>
/// <param name="Centre">
/// The fused score that maps to 50 for this recording and voiceprint (its own centre and the noise shift), NaN when not
/// worked out: how far <see cref="Fused"/> lies from it is what the decision ranks trials by.
/// </param>
internal sealed record ScoreBreakdown(double Llr, double NormalisedLlr, double DtwRatio, double Fused, double ReplaySimilarity,
    double SnrDb = double.NaN, double SpeechSeconds = double.NaN, double Centre = double.NaN);

/// <summary>Everything the engine decided about one verification.</summary>
internal sealed record VerificationOutcome(BiometricDecision Decision, int Score, ReasonCode Reason, byte[]? Voiceprint, ScoreBreakdown? Breakdown);

/// <summary>Everything the engine decided about one enrollment recording.</summary>
internal sealed record EnrollmentOutcome(BiometricDecision Decision, ReasonCode Reason, byte[] Voiceprint, int Enrollments);
