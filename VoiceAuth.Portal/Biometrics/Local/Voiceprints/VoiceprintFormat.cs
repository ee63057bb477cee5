using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Voiceprints;

/// <summary>
/// Versioned binary layout of <see cref="LocalVoiceprint"/> (little-endian): magic <c>VAVP</c>, format and
/// feature versions, mode, background-model id, phrase hash, enrollment count, statistics (occupancy as
/// float32, first-order means as float16 offsets), templates and degraded templates (float16), fingerprints (uint32 per frame),
/// then, only while a move to a newer background model is under way, a successor: marker byte 1, its background-model id,
/// count, statistics and templates in the same layout (a voiceprint without one is byte for byte what format 3 always was);
/// then, only for voiceprints scored with S-norm, marker byte 2 and the enrollment-side mean and spread per subsystem
/// (float32 pairs; older voiceprints have none and read as before); then, only for voiceprints completed since round 12,
/// marker byte 3 and the owner's held-out genuine level (float32).
/// A voiceprint of another format or of a feature version this build does not serve is refused, never misread.
/// </summary>
internal static class VoiceprintFormat
{
    /// <summary>3: statistics for every subsystem of the background model, one after the other (2: a single one).</summary>
    public const byte Version = 3;
    private static readonly byte[] Magic = "VAVP"u8.ToArray();

    public static byte[] Write(LocalVoiceprint v)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        w.Write(Version);
        w.Write((byte)v.FeatureVersion);
        w.Write((byte)v.Mode);
        w.Write(v.BackgroundId);
        w.Write(v.PhraseHash);
        WriteModel(w, v);
        WriteList(w, v.EnrollmentFingerprints, (x, p) => { foreach (var u in p) { x.Write(u); } });
        WriteList(w, v.RecentFingerprints, (x, p) => { foreach (var u in p) { x.Write(u); } });
        if (v.Successor is { } next)
        {
            w.Write((byte)1);
            w.Write(next.BackgroundId);
            WriteModel(w, next);
        }

        if (v.EnrollmentSide is { } side)
        {
            w.Write((byte)2);
            w.Write((byte)side.Length);
            foreach (var x in side)
            {
                w.Write((float)x);
            }
        }

        if (v.GenuineLevel is { } level)
        {
            w.Write((byte)3);
            w.Write((float)level);
        }

        w.Flush();
        return stream.ToArray();
    }

    private static void WriteModel(BinaryWriter w, LocalVoiceprint v)
    {
        w.Write((byte)v.Enrollments);
        w.Write(v.Occupancy.Length);
        w.Write(v.FirstOrder.Length);
        foreach (var n in v.Occupancy)
        {
            w.Write(n);
        }

        foreach (var f in v.FirstOrder)
        {
            w.Write((Half)f);
        }

        WriteList(w, v.Templates, (x, t) => { foreach (var f in t) { x.Write((Half)f); } });
        WriteList(w, v.DegradedTemplates, (x, t) => { foreach (var f in t) { x.Write((Half)f); } });
    }

    /// <summary>Reads a voiceprint; null when the bytes are not one of ours (wrong magic, version, or damaged).</summary>
    public static LocalVoiceprint? Read(byte[] data)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(data));
            if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic) || r.ReadByte() != Version || r.ReadByte() is var features && !FeatureSettings.IsSupported(features))
            {
                return null;
            }

            var mode = (VerificationMode)r.ReadByte();
            if (!Enum.IsDefined(mode))
            {
                return null;
            }

            var background = r.ReadString();
            var phrase = r.ReadString();
            var v = ReadModel(r, data.Length, mode, background, phrase, features);
            v.EnrollmentFingerprints.AddRange(ReadList(r, data.Length, (x, n) => ReadArray(n, x.ReadUInt32)));
            v.RecentFingerprints.AddRange(ReadList(r, data.Length, (x, n) => ReadArray(n, x.ReadUInt32)));
            // Optional sections, each behind its marker byte, in this order; -1: the end of the data.
            int NextMarker() => r.BaseStream.Position < r.BaseStream.Length ? r.ReadByte() : -1;
            var marker = NextMarker();
            if (marker == 1)
            {
                v.Successor = ReadModel(r, data.Length, mode, r.ReadString(), phrase); // of the current model's version: its id says which
                marker = NextMarker();
            }

            if (marker == 2)
            {
                v.EnrollmentSide = ReadArray(r.ReadByte(), () => (double)r.ReadSingle());
                marker = NextMarker();
            }

            if (marker == 3)
            {
                v.GenuineLevel = r.ReadSingle() is var level && float.IsFinite(level) ? level : throw new InvalidDataException("genuine level");
            }
            else if (marker != -1)
            {
                return null;
            }

            return r.BaseStream.Position == r.BaseStream.Length ? v : null;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or FormatException)
        {
            return null;
        }
    }

    private static LocalVoiceprint ReadModel(BinaryReader r, int limit, VerificationMode mode, string background, string phrase, int features = FeatureSettings.Version)
    {
        var enrollments = r.ReadByte();
        var occupancy = new float[CheckedLength(r.ReadInt32(), limit)];
        var firstOrder = new float[CheckedLength(r.ReadInt32(), limit)];
        for (var i = 0; i < occupancy.Length; i++)
        {
            occupancy[i] = r.ReadSingle();
        }

        for (var i = 0; i < firstOrder.Length; i++)
        {
            firstOrder[i] = (float)r.ReadHalf();
        }

        return new LocalVoiceprint
        {
            Mode = mode,
            BackgroundId = background,
            FeatureVersion = features,
            PhraseHash = phrase,
            Enrollments = enrollments,
            Occupancy = occupancy,
            FirstOrder = firstOrder,
            Templates = ReadList(r, limit, (x, n) => ReadArray(n, () => (float)x.ReadHalf())),
            DegradedTemplates = ReadList(r, limit, (x, n) => ReadArray(n, () => (float)x.ReadHalf())),
        };
    }

    private static void WriteList<T>(BinaryWriter w, List<T[]> items, Action<BinaryWriter, T[]> write)
    {
        w.Write((ushort)items.Count);
        foreach (var item in items)
        {
            w.Write(item.Length);
            write(w, item);
        }
    }

    private static List<T[]> ReadList<T>(BinaryReader r, int limit, Func<BinaryReader, int, T[]> read)
    {
        var count = r.ReadUInt16();
        var list = new List<T[]>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(read(r, CheckedLength(r.ReadInt32(), limit)));
        }

        return list;
    }

    private static T[] ReadArray<T>(int n, Func<T> next)
    {
        var a = new T[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = next();
        }

        return a;
    }

    // A damaged length must not make us allocate gigabytes before the read fails.
    private static int CheckedLength(int n, int limit) => n >= 0 && n <= limit ? n : throw new InvalidDataException();
}
