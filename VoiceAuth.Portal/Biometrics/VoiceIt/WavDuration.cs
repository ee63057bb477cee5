using System.Buffers.Binary;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>
/// Reads just enough of a RIFF/WAVE header to know a recording's length, so that a recording VoiceIt would refuse
/// (over 5.0 s, SRNR) is not uploaded at all. Anything it cannot read is left for VoiceIt to judge: this is a
/// shortcut, not the local engine's parser.
/// </summary>
internal static class WavDuration
{
    /// <summary>The duration, or null when the bytes are not a PCM-style RIFF/WAVE file with readable fmt and data chunks.</summary>
    public static TimeSpan? TryRead(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return null;
        }

        uint byteRate = 0;
        var position = 12;
        while (position + 8 <= wav.Length)
        {
            var id = wav.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(position + 4, 4));
            var body = position + 8;

            if (id.SequenceEqual("fmt "u8) && size >= 16 && body + 16 <= wav.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(body + 8, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                // Streaming writers leave the size at 0 or 0xFFFFFFFF; the bytes present are what counts then.
                long available = wav.Length - body;
                long dataBytes = size == 0 || size > available ? available : size;
                return byteRate == 0 ? null : TimeSpan.FromSeconds((double)dataBytes / byteRate);
            }

            long next = body + (long)size + (size & 1); // chunks are word-aligned
            if (next > wav.Length)
            {
                return null;
            }

            position = (int)next;
        }

        return null;
    }
}
