using VoiceAuth.Portal.Biometrics.Local.Features;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Replay;
using VoiceAuth.Portal.Biometrics.Local.Scoring;
using VoiceAuth.Portal.Biometrics.Local.Voiceprints;

namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>
/// The built-in engine's logic, synchronous and free of I/O so that the service, the evaluation command and
/// the tests all run exactly the same code. Thread-safe: it holds only read-only models and settings.
/// </summary>
/// <remarks>
/// New voiceprints are made against <paramref name="background"/>. A voiceprint made against one of the
/// <paramref name="earlier"/> models (an engine upgrade) keeps being scored against the model it was made with; each
/// time its owner passes, the passing recording is also learnt against the current model, and after
/// <see cref="RequiredEnrollments"/> such passes the voiceprint moves to it (<see cref="LocalVoiceprint.Successor"/>).
/// </remarks>
/// <param name="enrollmentCopies">
/// Degraded copies learnt with each enrollment recording; the shipped engine uses <see cref="AudioPipeline.EnrollmentCopies"/>,
/// the evaluation may use fewer to measure what they do (the model's cohort must then be made alike).
/// </param>
internal sealed class SpeakerVerifier(LocalEngineOptions options, BackgroundModel background, IReadOnlyList<BackgroundModel>? earlier = null,
    int enrollmentCopies = AudioPipeline.EnrollmentCopies)
{
    private readonly Dictionary<string, BackgroundModel> models = (earlier ?? []).Where(m => m.Id != background.Id).Append(background).DistinctBy(m => m.Id).ToDictionary(m => m.Id);

    public const int RequiredEnrollments = 3;

    /// <summary>Mean DTW distance between repetitions beyond which one repetition is not the same phrase.</summary>
    /// <remarks>
    /// Measured on the synthetic voices (feature version 2): repetitions of one phrase at other tempo and pitch lie at
    /// 1.9–2.7, the other phrase at 5.3–5.9. People repeat themselves less exactly than a synthesiser, so the limit
    /// sits nearer the other-phrase side.
    /// </remarks>
    public const double ConsistencyLimit = 4.5;

    /// <summary>Seed of the degraded enrollment copies (plus the repetition's index): fixed, so enrollment is repeatable.</summary>
    public const int EnrollmentSeed = 7919;

    public LocalEngineOptions Options => options;

    public byte[] NewVoiceprint() => VoiceprintFormat.Write(Empty(options.Mode));

    public EnrollmentOutcome Enroll(byte[] state, AudioInput recording)
    {
        var voiceprint = VoiceprintFormat.Read(state);
        if (voiceprint is null || !Fits(voiceprint, background))
        {
            return new(BiometricDecision.Error, ReasonCode.EngineMismatch, state, 0);
        }

        EnrollmentOutcome Refuse(ReasonCode reason) => new(BiometricDecision.Retry, reason, state, voiceprint.Enrollments);
        if (voiceprint.Enrollments >= RequiredEnrollments)
        {
            return new(BiometricDecision.Accepted, ReasonCode.Ok, state, voiceprint.Enrollments);
        }

        if (voiceprint.Mode == VerificationMode.TextDependent && recording.Phrase is { } phrase && PhraseText.Hash(phrase) != voiceprint.PhraseHash)
        {
            return Refuse(ReasonCode.WrongPhrase);
        }

        var (utterance, samples, reason) = AudioPipeline.ProcessKeepingSamples(recording.Wav.Span, options, background.FeatureVersion);
        if (utterance is null || samples is null)
        {
            return Refuse(reason);
        }

        var fingerprint = ReplayDetector.Trim(utterance.Fingerprint);
        if (voiceprint.EnrollmentFingerprints.Any(f => ReplayDetector.Similarity(fingerprint, f) >= options.ReplaySimilarity))
        {
            return Refuse(ReasonCode.Replay); // the same recording twice is not three repetitions
        }

        var template = Dtw.Template(utterance);
        if (voiceprint.Mode == VerificationMode.TextDependent && voiceprint.Templates.Count > 0
            && voiceprint.Templates.Average(t => Dtw.Distance(template, t)) > ConsistencyLimit)
        {
            return Refuse(ReasonCode.InconsistentEnrollment);
        }

        // Only voiceprints scored with S-norm use a genuine level: only they keep the first two recordings' state for it.
        var beforeLast = voiceprint.Enrollments == RequiredEnrollments - 1 && SNormed(voiceprint, background) ? VoiceprintFormat.Read(state) : null;
        Learn(voiceprint, background, utterance, samples, template, enrollmentCopies);
        if (voiceprint.Enrollments == RequiredEnrollments)
        {
            voiceprint.EnrollmentSide = EnrollmentSide(voiceprint, background);
            voiceprint.GenuineLevel = beforeLast is null ? null : GenuineLevel(beforeLast, voiceprint, background, utterance);
        }

        voiceprint.EnrollmentFingerprints.Add(fingerprint);
        return new(BiometricDecision.Accepted, ReasonCode.Ok, VoiceprintFormat.Write(voiceprint), voiceprint.Enrollments);
    }

    /// <summary>Adds one recording (and its degraded copies) to a voiceprint's statistics and templates against <paramref name="model"/>.</summary>
    private static void Learn(LocalVoiceprint voiceprint, BackgroundModel model, Utterance utterance, float[] samples, float[] template,
        int enrollmentCopies = AudioPipeline.EnrollmentCopies)
    {
        var copies = AudioPipeline.Degraded(samples, enrollmentCopies, EnrollmentSeed + voiceprint.Enrollments, model.FeatureVersion).ToList();
        var used = model.For(voiceprint.Mode);
        for (var i = 0; i < used.Count; i++)
        {
            var (ubm, stream) = (used[i].Ubm, used[i].Stream);
            var stats = SufficientStatistics.Collect(ubm, utterance, stream);
            foreach (var copy in copies)
            {
                stats.Add(ubm, copy, stream);
            }

            StatisticsCodec.Add(voiceprint, used, i, stats);
        }

        if (voiceprint.Mode == VerificationMode.TextDependent)
        {
            voiceprint.DegradedTemplates.AddRange(copies.Select(Dtw.Template));
            voiceprint.Templates.Add(template);
        }

        voiceprint.Enrollments++;
    }

    public VerificationOutcome Verify(byte[] state, AudioInput recording)
    {
        var voiceprint = VoiceprintFormat.Read(state);
        var model = voiceprint is null ? null : models.GetValueOrDefault(voiceprint.BackgroundId);
        if (voiceprint is null || model is null || !Fits(voiceprint, model))
        {
            return new(BiometricDecision.Error, 0, ReasonCode.EngineMismatch, null, null);
        }

        if (voiceprint.Enrollments < RequiredEnrollments)
        {
            return new(BiometricDecision.Error, 0, ReasonCode.NotEnrolled, null, null);
        }

        var textDependent = voiceprint.Mode == VerificationMode.TextDependent;
        if (textDependent && recording.Phrase is { } phrase && PhraseText.Hash(phrase) != voiceprint.PhraseHash)
        {
            return new(BiometricDecision.Retry, 0, ReasonCode.WrongPhrase, null, null);
        }

        // Analysed as the voiceprint's own model was trained (an earlier model may use other features than the current one).
        var (utterance, samples, reason) = AudioPipeline.ProcessKeepingSamples(recording.Wav.Span, options, model.FeatureVersion);
        if (utterance is null || samples is null)
        {
            return new(BiometricDecision.Retry, 0, reason, null, null);
        }

        var fingerprint = ReplayDetector.Trim(utterance.Fingerprint);
        var replay = voiceprint.EnrollmentFingerprints.Concat(voiceprint.RecentFingerprints)
            .Select(f => ReplayDetector.Similarity(fingerprint, f)).DefaultIfEmpty(0).Max();
        Remember(voiceprint, fingerprint);
        var updated = VoiceprintFormat.Write(voiceprint);
        if (replay >= options.ReplaySimilarity)
        {
            return new(BiometricDecision.Rejected, 0, ReasonCode.Replay, updated, new(0, 0, 0, double.NegativeInfinity, replay));
        }

        var breakdown = Score(voiceprint, model, utterance, replay);
        var score = Calibration.ToScore(breakdown.Fused, voiceprint.Mode, utterance.Voice.SnrDb, SNormed(voiceprint, model), voiceprint.GenuineLevel, model.FeatureVersion);
        breakdown = breakdown with { Centre = Calibration.Centre(voiceprint.Mode, utterance.Voice.SnrDb, SNormed(voiceprint, model), voiceprint.GenuineLevel, model.FeatureVersion) };
        if (textDependent && breakdown.NormalisedLlr < Calibration.TdVoiceFloor(utterance.Voice.SnrDb, model.FeatureVersion))
        {
            score = Math.Min(score, options.Threshold - 1); // the passphrase matched, the voice did not say enough
        }

        if (SequentialDecision.Accepts(score, recording.EarlierScores ?? [], options.Threshold))
        {
            if (model != background)
            {
                updated = VoiceprintFormat.Write(MoveTowardsCurrent(voiceprint, utterance, samples));
            }

            return new(BiometricDecision.Accepted, score, ReasonCode.Ok, updated, breakdown);
        }

        // Other words in the right voice: the speaker models alone would have accepted, the passphrase match did not.
        var wrongPhrase = textDependent && breakdown.DtwRatio > WrongPhraseRatio && breakdown.NormalisedLlr >= Calibration.For(model.FeatureVersion).TdCentre;
        return new(BiometricDecision.Rejected, score, wrongPhrase ? ReasonCode.WrongPhrase : ReasonCode.Mismatch, updated, breakdown);
    }

    /// <summary>DTW ratio above which a voice the models otherwise like is taken to have said other words.</summary>
    private const double WrongPhraseRatio = 1.6;

    /// <summary>
    /// A pass on a voiceprint of an earlier model: the recording is learnt against the current model too, and once
    /// that holds as many recordings as an enrollment, the voiceprint is the current model's (its replay memory kept).
    /// </summary>
    private LocalVoiceprint MoveTowardsCurrent(LocalVoiceprint voiceprint, Utterance utterance, float[] samples)
    {
        if (utterance.FeatureVersion != background.FeatureVersion)
        {
            utterance = FrontEnd.Analyse(samples, version: background.FeatureVersion); // the same samples, as the current model hears them
        }

        var next = voiceprint.Successor is { } s && s.BackgroundId == background.Id && Fits(s, background) ? s : Empty(voiceprint.Mode, voiceprint.PhraseHash);
        var beforeLast = next.Enrollments == RequiredEnrollments - 1 && SNormed(next, background) ? VoiceprintFormat.Read(VoiceprintFormat.Write(next)) : null;
        Learn(next, background, utterance, samples, Dtw.Template(utterance), enrollmentCopies);
        if (next.Enrollments < RequiredEnrollments)
        {
            voiceprint.Successor = next;
            return voiceprint;
        }

        var moved = Empty(voiceprint.Mode, voiceprint.PhraseHash);
        next.Occupancy.CopyTo(moved.Occupancy, 0);
        next.FirstOrder.CopyTo(moved.FirstOrder, 0);
        moved.Templates.AddRange(next.Templates);
        moved.DegradedTemplates.AddRange(next.DegradedTemplates);
        moved.EnrollmentFingerprints.AddRange(voiceprint.EnrollmentFingerprints);
        moved.RecentFingerprints.AddRange(voiceprint.RecentFingerprints);
        moved.Enrollments = next.Enrollments;
        moved.EnrollmentSide = EnrollmentSide(moved, background);
        moved.GenuineLevel = beforeLast is null ? null : GenuineLevel(beforeLast, moved, background, utterance);
        return moved;
    }

    /// <summary>
    /// The owner's held-out genuine level (<see cref="LocalVoiceprint.GenuineLevel"/>): the recording that completed the
    /// voiceprint scored against the voiceprint as it was before (the other recordings), normalised with the completed
    /// one's enrollment side (text-independent voiceprints scored with S-norm only: the S-norm centre is what uses it;
    /// text-dependent ones, see Calibration.TdVoiceFloorClean). A score of speech the model did not learn from, unlike
    /// the recordings' own scores, which told nothing of the owner's level (round 11); it costs one verification's
    /// scoring, once.
    /// </summary>
    private static double GenuineLevel(LocalVoiceprint before, LocalVoiceprint completed, BackgroundModel model, Utterance last)
    {
        before.EnrollmentSide = completed.EnrollmentSide;
        return Score(before, model, last, 0).Fused;
    }

    /// <summary>The background model a voiceprint is scored against and, while it moves, the count collected for the current one.</summary>
    public static (string? Model, int Collected) ModelOf(byte[] state) =>
        VoiceprintFormat.Read(state) is { } v ? (v.BackgroundId, v.Successor?.Enrollments ?? 0) : (null, 0);

    /// <summary>The current background model's id (new voiceprints) and those of the earlier ones still served.</summary>
    public string CurrentModel => background.Id;

    private static ScoreBreakdown Score(LocalVoiceprint voiceprint, BackgroundModel model, Utterance utterance, double replay)
    {
        // Each subsystem: the claimant's LLR minus its cohort's mean on this recording, or S-norm (CohortNormaliser);
        // the subsystems are averaged.
        double llr = 0, normalised = 0;
        var used = model.For(voiceprint.Mode);
        var side = SNormed(voiceprint, model) ? voiceprint.EnrollmentSide is { } stored && stored.Length == 2 * used.Count ? stored : EnrollmentSide(voiceprint, model) : null;
        for (var i = 0; i < used.Count; i++)
        {
            var sub = used[i];
            var offsets = StatisticsCodec.ToSufficientStatistics(voiceprint, used, i).AdaptedOffsets(sub.Ubm, model.Relevance);
            var models = new List<float[]>(sub.CohortMeans.Count + 1) { LikelihoodRatio.MeansFromOffsets(sub.Ubm, offsets) };
            models.AddRange(sub.CohortMeans);
            var scores = LikelihoodRatio.Score(sub.Ubm, utterance, sub.Stream, models);
            llr += scores[0];
            normalised += side is null
                ? CohortNormaliser.Normalise(scores[0], scores.AsSpan(1))
                : CohortNormaliser.SNorm(scores[0], scores.AsSpan(1), side[2 * i], side[2 * i + 1]);
        }

        (llr, normalised) = (llr / used.Count, Fusion.Subsystems(normalised, used.Count));
        var (snr, seconds) = (utterance.Voice.SnrDb, utterance.Voice.SpeechSeconds);
        if (voiceprint.Mode != VerificationMode.TextDependent)
        {
            return new(llr, normalised, 0, normalised, replay, snr, seconds);
        }

        var ratio = DtwRatio(voiceprint.Templates, voiceprint.DegradedTemplates, Dtw.Template(utterance));
        return new(llr, normalised, ratio, Fusion.TextDependent(normalised, ratio), replay, snr, seconds);
    }

    /// <summary>Text-independent voiceprints of a model with an enrollment-side cohort are scored with S-norm; everything else as before.</summary>
    private static bool SNormed(LocalVoiceprint voiceprint, BackgroundModel model) =>
        voiceprint.Mode == VerificationMode.TextIndependent && model.HasEnrollmentSide;

    /// <summary>
    /// Per subsystem the mean and spread of the voiceprint's LLRs on the model's enrollment-side recordings (null when
    /// it is not scored with S-norm): computed when a voiceprint is completed or moved, and stored in it.
    /// </summary>
    private static double[]? EnrollmentSide(LocalVoiceprint voiceprint, BackgroundModel model)
    {
        if (!SNormed(voiceprint, model))
        {
            return null;
        }

        var used = model.For(voiceprint.Mode);
        var side = new double[2 * used.Count];
        for (var i = 0; i < used.Count; i++)
        {
            var offsets = StatisticsCodec.ToSufficientStatistics(voiceprint, used, i).AdaptedOffsets(used[i].Ubm, model.Relevance);
            (side[2 * i], side[2 * i + 1]) = CohortNormaliser.MeanAndSpread(used[i].SideScores(LikelihoodRatio.MeansFromOffsets(used[i].Ubm, offsets)));
        }

        return side;
    }

    /// <summary>
    /// Distance to the nearest enrolled repetition — clean or heard through a degraded copy, so that a noisy call is
    /// not taken for other words — over the clean repetitions' own mutual distance.
    /// </summary>
    private static double DtwRatio(List<float[]> templates, List<float[]> degraded, float[] test)
    {
        var nearest = templates.Concat(degraded).Min(t => Dtw.Distance(test, t));
        double spread = 0;
        var pairs = 0;
        for (var i = 0; i < templates.Count; i++)
        {
            for (var j = i + 1; j < templates.Count; j++)
            {
                spread += Dtw.Distance(templates[i], templates[j]);
                pairs++;
            }
        }

        return nearest / Math.Max(pairs == 0 ? nearest : spread / pairs, 0.5);
    }

    /// <summary>
    /// Evaluation only: per subsystem the voiceprint's average LLR on each utterance (the enrollment side of an
    /// adaptive normalisation), or with <paramref name="withCohort"/> also every cohort model's on it (index 0 the claimant).
    /// </summary>
    public double[][] RawScores(byte[] state, Utterance utterance, bool withCohort)
    {
        var voiceprint = VoiceprintFormat.Read(state) ?? throw new InvalidDataException("not a voiceprint");
        var model = models[voiceprint.BackgroundId];
        var used = model.For(voiceprint.Mode);
        var result = new double[used.Count][];
        for (var i = 0; i < used.Count; i++)
        {
            var sub = used[i];
            var offsets = StatisticsCodec.ToSufficientStatistics(voiceprint, used, i).AdaptedOffsets(sub.Ubm, model.Relevance);
            var list = new List<float[]> { LikelihoodRatio.MeansFromOffsets(sub.Ubm, offsets) };
            if (withCohort)
            {
                list.AddRange(sub.CohortMeans);
            }

            result[i] = LikelihoodRatio.Score(sub.Ubm, utterance, sub.Stream, list);
        }

        return result;
    }

    /// <summary>Made against this background model, with statistics of the size its mode needs (a damaged one is refused, not misread).</summary>
    private static bool Fits(LocalVoiceprint v, BackgroundModel model)
    {
        var (occupancy, firstOrder) = StatisticsCodec.Empty(model.For(v.Mode));
        return v.BackgroundId == model.Id && v.Occupancy.Length == occupancy.Length && v.FirstOrder.Length == firstOrder.Length;
    }

    private void Remember(LocalVoiceprint voiceprint, uint[] fingerprint)
    {
        voiceprint.RecentFingerprints.Add(fingerprint);
        while (voiceprint.RecentFingerprints.Count > Math.Max(0, options.ReplayHistory))
        {
            voiceprint.RecentFingerprints.RemoveAt(0);
        }
    }

    private LocalVoiceprint Empty(VerificationMode mode, string? phraseHash = null)
    {
        var (occupancy, firstOrder) = StatisticsCodec.Empty(background.For(mode));
        return new()
        {
            Mode = mode,
            BackgroundId = background.Id,
            FeatureVersion = background.FeatureVersion,
            PhraseHash = phraseHash ?? (mode == VerificationMode.TextDependent ? PhraseText.Hash(options.Passphrase) : ""),
            Occupancy = occupancy,
            FirstOrder = firstOrder,
        };
    }
}
