using System.Buffers.Binary;

namespace VoiceAuth.Portal.Biometrics.Local.Audio;

/// <summary>
/// Our own RIFF/WAVE parser: NWaves' reader decodes μ-law as 8-bit PCM without complaint, so the format tag
/// has to be honoured here. Accepts 16-bit PCM, μ-law and A-law (also inside WAVE_FORMAT_EXTENSIBLE), 1–2
/// channels, 8–48 kHz. Every defect maps to a <see cref="ReasonCode"/>; nothing throws.
/// </summary>
internal static class WavReader
{
    private const ushort Pcm = 1, ALaw = 6, MuLaw = 7, Extensible = 0xFFFE;
    public const int MinRate = 8000, MaxRate = 48000;

    public static DecodeResult Read(ReadOnlySpan<byte> file, int maxBytes, double maxSeconds)
    {
        if (file.IsEmpty)
        {
            return DecodeResult.Fail(ReasonCode.Empty);
        }

        if (file.Length > maxBytes)
        {
            return DecodeResult.Fail(ReasonCode.TooLarge);
        }

        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return DecodeResult.Fail(file.Length >= 4 && file[..4].SequenceEqual("RIFF"u8) && file.Length < 12
                ? ReasonCode.Malformed : ReasonCode.UnsupportedFormat);
        }

        WavFormat? format = null;
        var position = 12;
        while (position + 8 <= file.Length)
        {
            var id = file.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(position + 4, 4));
            var body = position + 8;
            if (size > (uint)(file.Length - body))
            {
                return DecodeResult.Fail(ReasonCode.Malformed); // truncated chunk, including a cut-off data chunk
            }

            var chunk = file.Slice(body, (int)size);
            if (id.SequenceEqual("fmt "u8))
            {
                format = WavFormat.Parse(chunk);
                if (format is null)
                {
                    return DecodeResult.Fail(ReasonCode.Malformed);
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                return format is null ? DecodeResult.Fail(ReasonCode.Malformed) : Decode(format, chunk, maxSeconds);
            }

            position = body + (int)size + (int)(size & 1); // chunks are word-aligned
        }

        return DecodeResult.Fail(ReasonCode.Malformed);
    }

    private static DecodeResult Decode(WavFormat f, ReadOnlySpan<byte> data, double maxSeconds)
    {
        var tag = f.Tag;
        var bytesPerSample = tag == Pcm ? 2 : 1;
        if ((tag != Pcm && tag != MuLaw && tag != ALaw) || f.BitsPerSample != bytesPerSample * 8)
        {
            return DecodeResult.Fail(ReasonCode.UnsupportedFormat);
        }

        if (f.Channels is < 1 or > 2 || f.SampleRate is < MinRate or > MaxRate)
        {
            return DecodeResult.Fail(ReasonCode.UnsupportedFormat);
        }

        if (f.BlockAlign != f.Channels * bytesPerSample)
        {
            return DecodeResult.Fail(ReasonCode.Malformed);
        }

        var frames = data.Length / f.BlockAlign;
        if (frames == 0)
        {
            return DecodeResult.Fail(ReasonCode.Empty);
        }

        if (frames > maxSeconds * f.SampleRate)
        {
            return DecodeResult.Fail(ReasonCode.TooLong);
        }

        var samples = new float[frames];
        var fullScale = tag switch { MuLaw => G711.MuLawMax, ALaw => G711.ALawMax, _ => 32767 };
        var clipLevel = (int)(fullScale * 0.99);
        var clipped = 0;
        var scale = 1f / (32768f * f.Channels);
        for (var i = 0; i < frames; i++)
        {
            var sum = 0;
            for (var c = 0; c < f.Channels; c++)
            {
                var k = i * f.Channels + c;
                int v = tag switch
                {
                    Pcm => BinaryPrimitives.ReadInt16LittleEndian(data.Slice(2 * k, 2)),
                    MuLaw => G711.MuLaw[data[k]],
                    _ => G711.ALaw[data[k]],
                };
                if (Math.Abs(v) >= clipLevel)
                {
                    clipped++;
                }

                sum += v;
            }

            samples[i] = sum * scale;
        }

        return new DecodeResult(new DecodedAudio(samples, f.SampleRate, (double)clipped / (frames * f.Channels)), ReasonCode.Ok);
    }

    private sealed record WavFormat(ushort Tag, int Channels, int SampleRate, int BlockAlign, int BitsPerSample)
    {
        public static WavFormat? Parse(ReadOnlySpan<byte> c)
        {
            if (c.Length < 16)
            {
                return null;
            }

            var tag = BinaryPrimitives.ReadUInt16LittleEndian(c);
            if (tag == Extensible)
            {
                // The sub-format GUID's first two bytes carry the real format tag.
                if (c.Length < 40)
                {
                    return null;
                }

                tag = BinaryPrimitives.ReadUInt16LittleEndian(c.Slice(24, 2));
            }

            var rate = BinaryPrimitives.ReadUInt32LittleEndian(c.Slice(4, 4));
            return new WavFormat(tag, BinaryPrimitives.ReadUInt16LittleEndian(c.Slice(2, 2)), rate > int.MaxValue ? 0 : (int)rate,
                BinaryPrimitives.ReadUInt16LittleEndian(c.Slice(12, 2)), BinaryPrimitives.ReadUInt16LittleEndian(c.Slice(14, 2)));
        }
    }
}
