using System.Diagnostics;
using VoiceAuth.Portal.Biometrics.Local.Scoring;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>One evaluation: enrollment states per model, then every trial scored against its model's state.</summary>
internal sealed class EvalRun(SpeakerVerifier verifier, string corpus)
{
    private readonly Dictionary<string, byte[]> models = [];
    private readonly List<(string Model, string Wav, string Label, VerificationOutcome? Outcome)> results = [];
    private readonly List<double> enrollMs = [], verifyMs = [];
    private int enrollModels, failedModels;

    /// <summary>The voiceprints of the models that enrolled.</summary>
    public IReadOnlyDictionary<string, byte[]> Enrolled => models;

    public void Enroll(List<(string Model, string[] Wavs)> list)
    {
        foreach (var (model, wavs) in list)
        {
            enrollModels++;
            var state = verifier.NewVoiceprint();
            var accepted = 0;
            var reasons = new List<ReasonCode>();
            foreach (var wav in wavs)
            {
                var bytes = File.ReadAllBytes(Path.Combine(corpus, wav));
                var clock = Stopwatch.StartNew();
                var outcome = verifier.Enroll(state, new AudioInput(bytes));
                enrollMs.Add(clock.Elapsed.TotalMilliseconds);
                state = outcome.Voiceprint;
                accepted = outcome.Enrollments;
                reasons.Add(outcome.Reason);
            }

            if (accepted >= SpeakerVerifier.RequiredEnrollments)
            {
                models[model] = state;
            }
            else
            {
                failedModels++;
                Console.Error.WriteLine($"{model}: failed to enroll ({string.Join(", ", reasons)})");
            }
        }
    }

    public void Score(List<(string Model, string Wav, string Label)> trials)
    {
        foreach (var (model, wav, label) in trials)
        {
            if (!models.TryGetValue(model, out var state))
            {
                results.Add((model, wav, label, null));
                continue;
            }

            var bytes = File.ReadAllBytes(Path.Combine(corpus, wav));
            var clock = Stopwatch.StartNew();
            var outcome = verifier.Verify(state, new AudioInput(bytes)); // always against the enrollment state: trials stay independent
            verifyMs.Add(clock.Elapsed.TotalMilliseconds);
            results.Add((model, wav, label, outcome));
        }
    }

    /// <summary>The trials that were scored (their model enrolled).</summary>
    public IEnumerable<ScoredTrial> Scored() =>
        results.Where(r => r.Outcome is not null).Select(r => new ScoredTrial(r.Model, r.Wav, r.Label, r.Outcome!));

    /// <summary>Scores trials against the enrolled models without keeping them in this run's report.</summary>
    public List<ScoredTrial> ScoreOnly(List<(string Model, string Wav, string Label)> trials)
    {
        var scored = new List<ScoredTrial>();
        foreach (var (model, wav, label) in trials)
        {
            if (models.TryGetValue(model, out var state))
            {
                scored.Add(new ScoredTrial(model, wav, label, verifier.Verify(state, new AudioInput(File.ReadAllBytes(Path.Combine(corpus, wav))))));
            }
        }

        return scored;
    }

    public EvalReport Report() => EvalReport.From(Scored().ToList(), enrollModels == 0 ? double.NaN : (double)failedModels / enrollModels,
        Mean(enrollMs), Mean(verifyMs), results.Count(r => r.Outcome is null), models.Count == 0 ? 0 : models.Values.Max(v => v.Length));

    public IEnumerable<string> ScoreLines()
    {
        yield return ScoredTrial.Header;
        foreach (var (model, wav, label, o) in results)
        {
            yield return o is null ? string.Join(' ', model, wav, label, "NotEnrolled 0 NotEnrolled - - - - - - - - -") : new ScoredTrial(model, wav, label, o).ToLine();
        }
    }

    private static double Mean(List<double> v) => v.Count == 0 ? double.NaN : v.Average();
}
