using System.Buffers.Binary;
using System.Text;

namespace VoiceAuth.Portal.Tests.Telemetry;

public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> LinkedTraceIds);

public sealed record OtlpPoint(string Metric, IReadOnlyDictionary<string, string> Attributes, double Value);

public sealed record OtlpLog(string TraceId, string Body);

/// <summary>
/// Just enough of the OTLP protobuf schema (opentelemetry-proto, trace/metrics/logs v1) to read what the portal
/// exports, on a hand-written wire-format reader: field numbers are the schema's.
/// </summary>
public static class Otlp
{
    public static IEnumerable<OtlpSpan> Spans(byte[] exportTraceServiceRequest) =>
        from resource in Fields(exportTraceServiceRequest, 1)
        from scope in Fields(resource, 2)
        from span in Fields(scope, 2)
        select ReadSpan(span);

    /// <summary>Sums and gauges give their value, histograms their count.</summary>
    public static IEnumerable<OtlpPoint> Points(byte[] exportMetricsServiceRequest)
    {
        foreach (var resource in Fields(exportMetricsServiceRequest, 1))
        foreach (var scope in Fields(resource, 2))
        foreach (var metric in Fields(scope, 2))
        {
            var name = Text(Fields(metric, 1).FirstOrDefault());
            foreach (var data in Fields(metric, 5).Concat(Fields(metric, 7)))
            foreach (var point in Fields(data, 1))
            {
                var value = Read(point).FirstOrDefault(f => f.Number is 4 or 6);
                var number = value.Number == 4 ? BitConverter.Int64BitsToDouble((long)value.Scalar) : (long)value.Scalar;
                yield return new(name, Attributes(point, 7), number);
            }

            foreach (var data in Fields(metric, 9))
            foreach (var point in Fields(data, 1))
            {
                yield return new(name, Attributes(point, 9), Read(point).First(f => f.Number == 4).Scalar);
            }
        }
    }

    public static IEnumerable<OtlpLog> Logs(byte[] exportLogsServiceRequest) =>
        from resource in Fields(exportLogsServiceRequest, 1)
        from scope in Fields(resource, 2)
        from record in Fields(scope, 2)
        select new OtlpLog(Hex(Fields(record, 9).FirstOrDefault()), AnyValue(Fields(record, 5).FirstOrDefault()));

    private static OtlpSpan ReadSpan(ReadOnlyMemory<byte> span) => new(
        Hex(Fields(span, 1).FirstOrDefault()),
        Hex(Fields(span, 2).FirstOrDefault()),
        Hex(Fields(span, 4).FirstOrDefault()),
        Text(Fields(span, 5).FirstOrDefault()),
        Attributes(span, 9),
        [.. Fields(span, 13).Select(link => Hex(Fields(link, 1).FirstOrDefault()))]);

    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var pair in Fields(message, field))
        {
            attributes[Text(Fields(pair, 1).FirstOrDefault())] = AnyValue(Fields(pair, 2).FirstOrDefault());
        }

        return attributes;
    }

    // AnyValue: 1 string, 2 bool, 3 int64, 4 double.
    private static string AnyValue(ReadOnlyMemory<byte> value)
    {
        foreach (var f in Read(value))
        {
            return f.Number switch
            {
                1 => Encoding.UTF8.GetString(f.Bytes.Span),
                2 => (f.Scalar != 0).ToString(),
                3 => ((long)f.Scalar).ToString(System.Globalization.CultureInfo.InvariantCulture),
                4 => BitConverter.Int64BitsToDouble((long)f.Scalar).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "",
            };
        }

        return "";
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);

    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number) =>
        Read(message).Where(f => f.Number == number).Select(f => f.Bytes);

    private static IEnumerable<(int Number, ulong Scalar, ReadOnlyMemory<byte> Bytes)> Read(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return (number, Varint(message.Span, ref position), default);
                    break;
                case 1:
                    yield return (number, BinaryPrimitives.ReadUInt64LittleEndian(message.Span[position..]), default);
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return (number, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return (number, BinaryPrimitives.ReadUInt32LittleEndian(message.Span[position..]), default);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected wire type {key & 7}.");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
