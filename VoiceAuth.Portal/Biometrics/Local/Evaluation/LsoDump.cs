using System.Globalization;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Training;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>
/// <c>eval-lso --dump PREFIX</c>: the raw scores behind the leave-speakers-out decisions, so that score-side changes
/// (adaptive normalisation, fusion weights, quality covariates) can be measured offline without scoring again.
/// <c>PREFIX&lt;list&gt;.raw</c>: one line per trial that passed the quality gate —
/// <c>fold model wav label snr_db speech_s</c>, then per subsystem <c>|</c> and the claimant's LLR followed by every
/// cohort model's on the same recording. <c>PREFIX-enroll.raw</c>: per model and subsystem the voiceprint's LLR on
/// recordings of the fold's training speakers (up to three each; never a test speaker): the enrollment side
/// (<c>M fold model | llr… | llr…</c>), and the cohort's scores on those recordings (<c>U fold index | … | …</c>).
/// <c>PREFIX-self.raw</c>: each voiceprint on its own enrollment recordings, in the trial format labelled <c>self</c>.
/// The files are appended to: remove them before a run.
/// </summary>
internal static class LsoDump
{
    public static void Write(string prefix, string corpus, string protocol, string fold, SpeakerVerifier verifier, EvalRun run, BackgroundModel model,
        IReadOnlyList<string> trialLists, LocalEngineOptions options)
    {
        var exclude = LeaveSpeakersOut.Excluded(corpus, protocol, fold);
        var impostorSpeech = TrainUbmCommand.BackgroundSpeech(corpus).Where(s => !exclude.Contains(s.Speaker))
            .GroupBy(s => s.Speaker).SelectMany(g => g.Take(3)).Select(s => AudioPipeline.Process(File.ReadAllBytes(Path.Combine(corpus, s.Wav)), options, model.FeatureVersion).Utterance)
            .OfType<Features.Utterance>().ToList();
        using (var enroll = new StreamWriter($"{prefix}-enroll.raw", append: true))
        {
            var first = true;
            foreach (var (id, state) in run.Enrolled)
            {
                var perUtterance = impostorSpeech.Select(u => verifier.RawScores(state, u, withCohort: first)).ToList();
                var subs = perUtterance[0].Length;
                if (first)
                {
                    // The cohort's scores on the same recordings (the same for every model): "U fold index | cohort… | cohort…".
                    for (var j = 0; j < perUtterance.Count; j++)
                    {
                        enroll.WriteLine(string.Join(' ', new[] { "U", fold, j.ToString(CultureInfo.InvariantCulture) }.Concat(perUtterance[j].SelectMany(r => r.Skip(1).Select(F).Prepend("|")))));
                    }

                    first = false;
                }

                enroll.WriteLine(string.Join(' ', new[] { "M", fold, id }.Concat(Enumerable.Range(0, subs).SelectMany(k => perUtterance.Select(p => F(p[k][0])).Prepend("|")))));
            }
        }

        // Each voiceprint scored on its own enrollment recordings (self-scores, a trial line labelled "self"): how high its
        // owner scores against it, for studies of client-specific decisions.
        using (var self = new StreamWriter($"{prefix}-self.raw", append: true))
        {
            foreach (var (id, wavs) in CorpusLists.Enrollments(Path.Combine(corpus, protocol, fold, "enroll.lst")))
            {
                if (!run.Enrolled.TryGetValue(id, out var state))
                {
                    continue;
                }

                foreach (var wav in wavs)
                {
                    if (AudioPipeline.Process(File.ReadAllBytes(Path.Combine(corpus, wav)), options, model.FeatureVersion).Utterance is { } u)
                    {
                        var raw = verifier.RawScores(state, u, withCohort: true);
                        self.WriteLine(string.Join(' ', new[] { fold, id, wav, "self", F(u.Voice.SnrDb), F(u.Voice.SpeechSeconds) }
                            .Concat(raw.SelectMany(r => r.Select(F).Prepend("|")))));
                    }
                }
            }
        }

        // Each enrollment recording scored against a voiceprint of the other two (leave one out): a held-out genuine
        // score per recording, for studies of decisions that know each voiceprint's own genuine level. Labelled "loo"
        // and, in the model column, the index of the recording left out ("kt-fr-m0#2").
        using (var loo = new StreamWriter($"{prefix}-loo.raw", append: true))
        {
            foreach (var (id, wavs) in CorpusLists.Enrollments(Path.Combine(corpus, protocol, fold, "enroll.lst")))
            {
                if (!run.Enrolled.ContainsKey(id) || wavs.Length != SpeakerVerifier.RequiredEnrollments)
                {
                    continue;
                }

                for (var left = 0; left < wavs.Length; left++)
                {
                    var state = verifier.NewVoiceprint();
                    foreach (var wav in wavs.Where((_, j) => j != left))
                    {
                        state = verifier.Enroll(state, new AudioInput(File.ReadAllBytes(Path.Combine(corpus, wav)))).Voiceprint;
                    }

                    if (AudioPipeline.Process(File.ReadAllBytes(Path.Combine(corpus, wavs[left])), options, model.FeatureVersion).Utterance is { } u)
                    {
                        var raw = verifier.RawScores(state, u, withCohort: true);
                        loo.WriteLine(string.Join(' ', new[] { fold, $"{id}#{left}", wavs[left], "loo", F(u.Voice.SnrDb), F(u.Voice.SpeechSeconds) }
                            .Concat(raw.SelectMany(r => r.Select(F).Prepend("|")))));
                    }
                }
            }
        }

        foreach (var list in trialLists)
        {
            using var w = new StreamWriter($"{prefix}{Path.GetFileNameWithoutExtension(list)}.raw", append: true);
            foreach (var (id, wav, label) in CorpusLists.Trials(Path.Combine(corpus, protocol, fold, list)))
            {
                if (!run.Enrolled.TryGetValue(id, out var state) || AudioPipeline.Process(File.ReadAllBytes(Path.Combine(corpus, wav)), options, model.FeatureVersion).Utterance is not { } u)
                {
                    continue;
                }

                var raw = verifier.RawScores(state, u, withCohort: true);
                w.WriteLine(string.Join(' ', new[] { fold, id, wav, label, F(u.Voice.SnrDb), F(u.Voice.SpeechSeconds) }
                    .Concat(raw.SelectMany(r => r.Select(F).Prepend("|")))));
            }
        }
    }

    private static string F(double v) => v.ToString("F5", CultureInfo.InvariantCulture);
}
