using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Modeling;

/// <summary>
/// One GMM-UBM speaker model family: a feature stream, the background model trained on it, the cohort of background
/// speakers' adapted models (offsets in background standard deviations) used for score normalisation, and, from model
/// format 4, the enrollment-side cohort: frames of training speakers' recordings on which each voiceprint is scored
/// once, when it is made, for the enrollment half of S-norm (<see cref="EnrollmentSide"/>).
/// </summary>
internal sealed class Subsystem
{
    private readonly Lazy<SideFrames[]> side;
    private int sidePrecomputations;

    public Subsystem(FeatureStream stream, DiagonalGmm ubm, IReadOnlyList<float[]> cohortOffsets, IReadOnlyList<float[]>? sideRecordings = null)
    {
        Stream = stream;
        Ubm = ubm;
        CohortOffsets = cohortOffsets;
        CohortMeans = cohortOffsets.Select(o => LikelihoodRatio.MeansFromOffsets(ubm, o)).ToArray();
        // Stored as float16 in the model file: rounded here too, so a model scores the same before and after a round trip.
        SideRecordings = (sideRecordings ?? []).Select(r => r.Select(v => (float)(Half)v).ToArray()).ToArray();
        side = new(() =>
        {
            Interlocked.Increment(ref sidePrecomputations);
            return SideRecordings.AsParallel().AsOrdered().Select(r => SideFrames.Of(ubm, r)).ToArray();
        });
    }

    public FeatureStream Stream { get; }
    public DiagonalGmm Ubm { get; }
    public IReadOnlyList<float[]> CohortOffsets { get; }
    public IReadOnlyList<float[]> CohortMeans { get; }

    /// <summary>The enrollment-side cohort: speech frames (row-major, this subsystem's stream) of training speakers' recordings; empty before format 4.</summary>
    public IReadOnlyList<float[]> SideRecordings { get; }

    /// <summary>
    /// The voiceprint's (<paramref name="means"/>) average LLR on each enrollment-side recording. The background model's
    /// top components and log-likelihood of every frame are worked out once per process, so this costs five component
    /// evaluations per frame.
    /// </summary>
    public double[] SideScores(float[] means) => side.Value.Select(f => f.Score(Ubm, means)).ToArray();

    /// <summary>
    /// Does the once-per-process part of <see cref="SideScores"/> now (about 2 s of CPU for the shipped model), so that
    /// it does not fall on the first caller to complete an enrollment (<see cref="EngineWarmUp"/>).
    /// </summary>
    public void Precompute() => _ = side.Value;

    /// <summary>How many times the enrollment-side precomputation has run on this subsystem (once at most; for tests).</summary>
    internal int SidePrecomputations => Volatile.Read(ref sidePrecomputations);

    private sealed record SideFrames(float[] Frames, int[] Best, double[] Background)
    {
        public static SideFrames Of(DiagonalGmm ubm, float[] frames)
        {
            const int top = SufficientStatistics.TopComponents;
            var d = ubm.Dimension;
            var n = frames.Length / d;
            var best = new int[n * top];
            var background = new double[n];
            var ll = new float[ubm.Components];
            Span<float> values = stackalloc float[top];
            for (var t = 0; t < n; t++)
            {
                ubm.ComponentLogLikelihoods(frames.AsSpan(t * d, d), ll);
                var b = best.AsSpan(t * top, top);
                DiagonalGmm.TopIndices(ll, b);
                for (var i = 0; i < top; i++)
                {
                    values[i] = ll[b[i]];
                }

                background[t] = VectorMath.LogSumExp(values);
            }

            return new(frames, best, background);
        }

        /// <summary>The same average top-5 LLR as <see cref="LikelihoodRatio.Score"/>, on these frames.</summary>
        public double Score(DiagonalGmm ubm, float[] means)
        {
            const int top = SufficientStatistics.TopComponents;
            var d = ubm.Dimension;
            Span<float> values = stackalloc float[top];
            double total = 0;
            for (var t = 0; t < Background.Length; t++)
            {
                var x = Frames.AsSpan(t * d, d);
                for (var i = 0; i < top; i++)
                {
                    var c = Best[t * top + i];
                    values[i] = ubm.ComponentLogLikelihood(x, c, means.AsSpan(c * d, d));
                }

                total += VectorMath.LogSumExp(values) - Background[t];
            }

            return total / Math.Max(1, Background.Length);
        }
    }
}
