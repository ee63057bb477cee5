using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Modeling;

/// <summary>
/// One GMM-UBM speaker model family: a feature stream, the background model trained on it, and the cohort of
/// background speakers' adapted models (offsets in background standard deviations) used for score normalisation.
/// </summary>
internal sealed class Subsystem
{
    public Subsystem(FeatureStream stream, DiagonalGmm ubm, IReadOnlyList<float[]> cohortOffsets)
    {
        Stream = stream;
        Ubm = ubm;
        CohortOffsets = cohortOffsets;
        CohortMeans = cohortOffsets.Select(o => LikelihoodRatio.MeansFromOffsets(ubm, o)).ToArray();
    }

    public FeatureStream Stream { get; }
    public DiagonalGmm Ubm { get; }
    public IReadOnlyList<float[]> CohortOffsets { get; }
    public IReadOnlyList<float[]> CohortMeans { get; }
}
