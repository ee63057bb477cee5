using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Biometrics.Local.Voiceprints;

/// <summary>
/// Versioned binary layout of <see cref="LocalVoiceprint"/> (little-endian): magic <c>VAVP</c>, format and
/// feature versions, mode, background-model id, phrase hash, enrollment count, statistics (occupancy as
/// float32, first-order means as float16 offsets), templates and degraded templates (float16), fingerprints (uint32 per frame).
/// A voiceprint of another format or feature version is refused, never misread.
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
        w.Write((byte)FeatureSettings.Version);
        w.Write((byte)v.Mode);
        w.Write(v.BackgroundId);
        w.Write(v.PhraseHash);
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
        WriteList(w, v.EnrollmentFingerprints, (x, p) => { foreach (var u in p) { x.Write(u); } });
        WriteList(w, v.RecentFingerprints, (x, p) => { foreach (var u in p) { x.Write(u); } });
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>Reads a voiceprint; null when the bytes are not one of ours (wrong magic, version, or damaged).</summary>
    public static LocalVoiceprint? Read(byte[] data)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(data));
            if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic) || r.ReadByte() != Version || r.ReadByte() != FeatureSettings.Version)
            {
                return null;
            }

            var mode = (VerificationMode)r.ReadByte();
            var background = r.ReadString();
            var phrase = r.ReadString();
            var enrollments = r.ReadByte();
            var occupancy = new float[CheckedLength(r.ReadInt32(), data.Length)];
            var firstOrder = new float[CheckedLength(r.ReadInt32(), data.Length)];
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
                Mode = Enum.IsDefined(mode) ? mode : throw new InvalidDataException(),
                BackgroundId = background,
                PhraseHash = phrase,
                Enrollments = enrollments,
                Occupancy = occupancy,
                FirstOrder = firstOrder,
                Templates = ReadList(r, data.Length, (x, n) => ReadArray(n, () => (float)x.ReadHalf())),
                DegradedTemplates = ReadList(r, data.Length, (x, n) => ReadArray(n, () => (float)x.ReadHalf())),
                EnrollmentFingerprints = ReadList(r, data.Length, (x, n) => ReadArray(n, x.ReadUInt32)),
                RecentFingerprints = ReadList(r, data.Length, (x, n) => ReadArray(n, x.ReadUInt32)),
            };
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or FormatException)
        {
            return null;
        }
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
