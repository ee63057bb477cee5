using System.Security.Cryptography;
using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Modeling;

/// <summary>
/// The offline-trained part of the engine: the universal background model, the MAP relevance factor and
/// a cohort of background speakers' adapted models for score normalisation. Shipped inside the assembly
/// (<c>Resources/background.vabm</c>), produced by the <c>train-ubm</c> command.
/// </summary>
internal sealed class BackgroundModel
{
    public const int FormatVersion = 1;
    private const float CohortStep = 1f / 32;  // cohort offsets are stored as signed bytes in these units of σ
    private static readonly byte[] Magic = "VABM"u8.ToArray();
    private static readonly Lazy<BackgroundModel> Embedded = new(LoadEmbedded);

    public BackgroundModel(DiagonalGmm ubm, float relevance, IReadOnlyList<float[]> cohortOffsets)
    {
        Ubm = ubm;
        Relevance = relevance;
        CohortOffsets = cohortOffsets;
        CohortMeans = cohortOffsets.Select(o => LikelihoodRatio.MeansFromOffsets(ubm, o)).ToArray();
        Id = Convert.ToHexStringLower(SHA256.HashData(ToBytes())[..8]);
    }

    public DiagonalGmm Ubm { get; }
    public float Relevance { get; }
    public IReadOnlyList<float[]> CohortOffsets { get; }
    public IReadOnlyList<float[]> CohortMeans { get; }

    /// <summary>Content hash: voiceprints record it, since their statistics only make sense against this model.</summary>
    public string Id { get; }

    public static BackgroundModel Shipped => Embedded.Value;

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        w.Write((ushort)FormatVersion);
        w.Write((ushort)FeatureSettings.Version);
        w.Write((ushort)Ubm.Components);
        w.Write((ushort)Ubm.Dimension);
        w.Write(Relevance);
        WriteFloats(w, Ubm.Weights);
        WriteFloats(w, Ubm.Means);
        WriteFloats(w, Ubm.Variances);
        w.Write((ushort)CohortOffsets.Count);
        foreach (var offsets in CohortOffsets)
        {
            foreach (var v in offsets)
            {
                w.Write((sbyte)Math.Clamp(MathF.Round(v / CohortStep), -127, 127));
            }
        }

        w.Flush();
        return stream.ToArray();
    }

    public static BackgroundModel FromBytes(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic) || r.ReadUInt16() != FormatVersion)
        {
            throw new InvalidDataException("Not a VoiceAuth background model of a known version.");
        }

        if (r.ReadUInt16() != FeatureSettings.Version)
        {
            throw new InvalidDataException("The background model was trained on other feature settings; retrain it with train-ubm.");
        }

        int c = r.ReadUInt16(), d = r.ReadUInt16();
        var relevance = r.ReadSingle();
        var ubm = new DiagonalGmm(ReadFloats(r, c), ReadFloats(r, c * d), ReadFloats(r, c * d), d);
        var cohort = new float[r.ReadUInt16()][];
        for (var m = 0; m < cohort.Length; m++)
        {
            cohort[m] = new float[c * d];
            for (var k = 0; k < c * d; k++)
            {
                cohort[m][k] = r.ReadSByte() * CohortStep;
            }
        }

        return new BackgroundModel(ubm, relevance, cohort);
    }

    private static BackgroundModel LoadEmbedded()
    {
        using var stream = typeof(BackgroundModel).Assembly.GetManifestResourceStream("VoiceAuth.Portal.Biometrics.background.vabm")
            ?? throw new InvalidOperationException("The background model resource is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return FromBytes(copy.ToArray());
    }

    private static void WriteFloats(BinaryWriter w, float[] values)
    {
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static float[] ReadFloats(BinaryReader r, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = r.ReadSingle();
        }

        return values;
    }
}
