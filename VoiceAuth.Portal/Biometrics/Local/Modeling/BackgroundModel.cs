using System.Security.Cryptography;
using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Modeling;

/// <summary>
/// The offline-trained part of the engine: one <see cref="Subsystem"/> (background model and normalisation cohort)
/// per feature stream, and the MAP relevance factor. Shipped inside the assembly (<c>Resources/background.vabm</c>),
/// produced by the <c>train-ubm</c> command.
/// </summary>
internal sealed class BackgroundModel
{
    /// <summary>
    /// 4: also the enrollment-side cohort of every subsystem (<see cref="Subsystem.SideRecordings"/>, float16 frames);
    /// 3: also the ids of the speakers it was trained on; 2: several subsystems (feature streams) in one file; 1 held a
    /// single background model. A model without a speaker list is written as format 2, so a shipped format-2 model
    /// keeps its id (a content hash) when it is read and written again.
    /// </summary>
    public const int FormatVersion = 4;
    private const float CohortStep = 1f / 32;  // cohort offsets are stored as signed bytes in these units of σ
    private static readonly byte[] Magic = "VABM"u8.ToArray();
    private const string EarlierPrefix = "VoiceAuth.Portal.Biometrics.earlier.";
    private static readonly Lazy<BackgroundModel> Embedded = new(LoadEmbedded);
    private static readonly Lazy<IReadOnlyList<BackgroundModel>> EmbeddedEarlier = new(LoadEarlier);

    public BackgroundModel(float relevance, IReadOnlyList<Subsystem> subsystems, IReadOnlyList<string>? trainingSpeakers = null)
    {
        if (subsystems.Count == 0)
        {
            throw new ArgumentException("A background model needs at least one subsystem.", nameof(subsystems));
        }

        Relevance = relevance;
        Subsystems = subsystems;
        FeatureVersion = FeatureSettings.VersionOf(subsystems[0].Ubm.Dimension);
        if (subsystems.Any(s => s.Ubm.Dimension != subsystems[0].Ubm.Dimension))
        {
            throw new ArgumentException("A background model's subsystems share one feature version.", nameof(subsystems));
        }

        TrainingSpeakers = trainingSpeakers ?? [];
        Id = Convert.ToHexStringLower(SHA256.HashData(ToBytes())[..8]);
    }

    public float Relevance { get; }

    /// <summary>The <see cref="FeatureSettings"/> version it was trained on: recordings scored or learnt against it are analysed so.</summary>
    public int FeatureVersion { get; }
    public IReadOnlyList<Subsystem> Subsystems { get; }

    /// <summary>The corpus speaker ids (<c>bg-fr</c>, <c>kt-uk</c>, …) its background models and cohort were trained on; empty for format 2.</summary>
    public IReadOnlyList<string> TrainingSpeakers { get; }

    /// <summary>Content hash: voiceprints record it, since their statistics only make sense against this model.</summary>
    public string Id { get; }

    /// <summary>
    /// The subsystems a mode scores with: all of them text-independently; text-dependently only the first (the
    /// mean- and variance-normalised stream), since there the passphrase DTW already supplies the second view and the
    /// mean-normalised stream measured no better on td and worse on noisy td (docs/benchmarks.md).
    /// </summary>
    public IReadOnlyList<Subsystem> For(VerificationMode mode) => mode == VerificationMode.TextDependent ? [Subsystems[0]] : Subsystems;

    public static BackgroundModel Shipped => Embedded.Value;

    /// <summary>
    /// Whether text-independent voiceprints of this model are scored with S-norm (format 4: it ships the enrollment-side
    /// cohort); models without one keep the cohort-mean scoring and calibration their voiceprints were made with.
    /// </summary>
    public bool HasEnrollmentSide => Subsystems.All(s => s.SideRecordings.Count > 1);

    /// <summary>The same model with each subsystem's enrollment-side cohort (one frame array per recording and subsystem, in subsystem order).</summary>
    public BackgroundModel WithEnrollmentSide(IReadOnlyList<IReadOnlyList<float[]>> perSubsystem) =>
        new(Relevance, Subsystems.Select((s, i) => new Subsystem(s.Stream, s.Ubm, s.CohortOffsets, perSubsystem[i])).ToList(), TrainingSpeakers);

    /// <summary>
    /// Earlier shipped models (<c>Resources/earlier/*.vabm</c>), kept so that voiceprints made with them keep working
    /// until their owners have moved to <see cref="Shipped"/> (see <see cref="SpeakerVerifier"/>).
    /// </summary>
    public static IReadOnlyList<BackgroundModel> ShippedEarlier => EmbeddedEarlier.Value;

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        var format = HasEnrollmentSide ? FormatVersion : TrainingSpeakers.Count == 0 ? 2 : 3;
        w.Write((ushort)format);
        w.Write((ushort)FeatureVersion);
        w.Write(Relevance);
        w.Write((byte)Subsystems.Count);
        foreach (var s in Subsystems)
        {
            w.Write((byte)s.Stream);
            w.Write((ushort)s.Ubm.Components);
            w.Write((ushort)s.Ubm.Dimension);
            WriteFloats(w, s.Ubm.Weights);
            WriteFloats(w, s.Ubm.Means);
            WriteFloats(w, s.Ubm.Variances);
            w.Write((ushort)s.CohortOffsets.Count);
            foreach (var offsets in s.CohortOffsets)
            {
                foreach (var v in offsets)
                {
                    w.Write((sbyte)Math.Clamp(MathF.Round(v / CohortStep), -127, 127));
                }
            }
        }

        if (TrainingSpeakers.Count > 0)
        {
            w.Write((ushort)TrainingSpeakers.Count);
            foreach (var speaker in TrainingSpeakers)
            {
                w.Write(speaker);
            }
        }

        if (format >= 4)
        {
            foreach (var s in Subsystems)
            {
                w.Write((ushort)s.SideRecordings.Count);
                foreach (var frames in s.SideRecordings)
                {
                    w.Write(frames.Length);
                    foreach (var v in frames)
                    {
                        w.Write((Half)v);
                    }
                }
            }
        }

        w.Flush();
        return stream.ToArray();
    }

    public static BackgroundModel FromBytes(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        var format = 0;
        if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic) || (format = r.ReadUInt16()) is not (2 or 3 or FormatVersion))
        {
            throw new InvalidDataException("Not a VoiceAuth background model of a known version.");
        }

        var features = r.ReadUInt16();
        if (!FeatureSettings.IsSupported(features))
        {
            throw new InvalidDataException("The background model was trained on feature settings this build does not serve; retrain it with train-ubm.");
        }

        var relevance = r.ReadSingle();
        var subsystems = new Subsystem[r.ReadByte()];
        for (var i = 0; i < subsystems.Length; i++)
        {
            var stream = (FeatureStream)r.ReadByte();
            if (!Enum.IsDefined(stream))
            {
                throw new InvalidDataException("The background model names an unknown feature stream.");
            }

            int c = r.ReadUInt16(), d = r.ReadUInt16();
            if (d != FeatureSettings.DimensionOf(features))
            {
                throw new InvalidDataException("The background model's dimension does not match its feature version.");
            }
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

            subsystems[i] = new Subsystem(stream, ubm, cohort);
        }

        var speakers = new string[format >= 3 ? r.ReadUInt16() : 0];
        for (var i = 0; i < speakers.Length; i++)
        {
            speakers[i] = r.ReadString();
        }

        var model = new BackgroundModel(relevance, subsystems, speakers);
        if (format < 4)
        {
            return model;
        }

        var side = new List<IReadOnlyList<float[]>>();
        foreach (var _ in subsystems)
        {
            var recordings = new float[r.ReadUInt16()][];
            for (var j = 0; j < recordings.Length; j++)
            {
                var n = r.ReadInt32();
                if (n < 0 || n > bytes.Length)
                {
                    throw new InvalidDataException("The background model's enrollment-side cohort is damaged.");
                }

                recordings[j] = new float[n];
                for (var k = 0; k < n; k++)
                {
                    recordings[j][k] = (float)r.ReadHalf();
                }
            }

            side.Add(recordings);
        }

        return model.WithEnrollmentSide(side);
    }

    private static BackgroundModel LoadEmbedded()
    {
        using var stream = typeof(BackgroundModel).Assembly.GetManifestResourceStream("VoiceAuth.Portal.Biometrics.background.vabm")
            ?? throw new InvalidOperationException("The background model resource is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return FromBytes(copy.ToArray());
    }

    private static IReadOnlyList<BackgroundModel> LoadEarlier()
    {
        var assembly = typeof(BackgroundModel).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(EarlierPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return FromBytes(copy.ToArray());
            }).ToList();
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
