namespace VoiceAuth.Portal.Biometrics.Local.Voiceprints;

/// <summary>
/// What the built-in engine keeps per person: Baum–Welch statistics of the enrollment speech against the
/// background model (the speaker model is derived from them), the passphrase templates, and fingerprints of
/// recent recordings for the replay check. Serialised by <see cref="VoiceprintFormat"/>.
/// </summary>
internal sealed class LocalVoiceprint
{
    public required VerificationMode Mode { get; init; }

    /// <summary>The background model the statistics were taken against (<see cref="Modeling.BackgroundModel.Id"/>).</summary>
    public required string BackgroundId { get; init; }

    /// <summary>
    /// The feature version of its background model, recorded so that a voiceprint of a version this build does not serve
    /// is refused on reading, never misread (<see cref="VoiceprintFormat"/>); which model scores it is decided by the id.
    /// </summary>
    public int FeatureVersion { get; init; } = Features.FeatureSettings.Version;

    /// <summary>Hash of the normalised passphrase in text-dependent mode, empty otherwise.</summary>
    public required string PhraseHash { get; init; }

    public required float[] Occupancy { get; init; }
    public required float[] FirstOrder { get; init; }

    /// <summary>Feature sequences of the enrolled passphrase repetitions (text-dependent mode).</summary>
    public List<float[]> Templates { get; init; } = [];

    /// <summary>The same repetitions as heard through the degraded copies (text-dependent mode): noisy calls are compared with these too.</summary>
    public List<float[]> DegradedTemplates { get; init; } = [];

    /// <summary>Fingerprints of the enrollment recordings: kept for good.</summary>
    public List<uint[]> EnrollmentFingerprints { get; init; } = [];

    /// <summary>Fingerprints of recent verification recordings, oldest first.</summary>
    public List<uint[]> RecentFingerprints { get; init; } = [];

    public int Enrollments { get; set; }

    /// <summary>
    /// For S-norm (text-independent voiceprints of a model with an enrollment-side cohort): per subsystem, the mean and
    /// standard deviation of this voiceprint's LLRs on the model's enrollment-side recordings, worked out when the
    /// voiceprint is completed or moved, so that a verification costs no more than before. Null otherwise.
    /// </summary>
    public double[]? EnrollmentSide { get; set; }

    /// <summary>
    /// The owner's held-out genuine level: the third enrollment recording scored against a model of the first two (the
    /// fused S-norm score). Worked out when a text-independent voiceprint is completed or moved; null for text-dependent
    /// ones and for voiceprints made before round 12, which keep the shared centre (<see cref="Scoring.Calibration.ClientCentre"/>).
    /// </summary>
    public double? GenuineLevel { get; set; }

    /// <summary>
    /// While this voiceprint belongs to an earlier background model: the same person's passing recordings collected
    /// against the current one (its <see cref="Enrollments"/> counts them). Once it holds as many as an enrollment
    /// takes, it replaces the old statistics and templates (<see cref="SpeakerVerifier"/>): the person moves to the new
    /// model without being asked to enroll again.
    /// </summary>
    public LocalVoiceprint? Successor { get; set; }
}
