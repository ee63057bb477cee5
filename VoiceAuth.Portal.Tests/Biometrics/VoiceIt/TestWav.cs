using System.Buffers.Binary;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

/// <summary>Small 16-bit PCM mono WAV files for the VoiceIt tests (content only matters to the stub's scripts).</summary>
internal static class TestWav
{
    /// <summary>A tone of <paramref name="seconds"/>; different <paramref name="frequency"/> values give different bytes.</summary>
    public static byte[] Tone(double seconds, double frequency = 220, int sampleRate = 8000, uint? declaredDataSize = null, bool extraChunk = false)
    {
        var samples = (int)Math.Round(seconds * sampleRate);
        var dataBytes = samples * 2;
        var extra = extraChunk ? 8 + 4 : 0;
        var wav = new byte[44 + extra + dataBytes];
        var span = wav.AsSpan();

        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], wav.Length - 8);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);              // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);              // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2); // byte rate
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);              // block align
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);

        var at = 36;
        if (extraChunk)
        {
            // A LIST chunk before data, as some recorders write: readers must walk chunks, not assume 44 bytes.
            "LIST"u8.CopyTo(span[at..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 4)..], 4);
            "INFO"u8.CopyTo(span[(at + 8)..]);
            at += 12;
        }

        "data"u8.CopyTo(span[at..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], declaredDataSize ?? (uint)dataBytes);
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(8000 * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
            BinaryPrimitives.WriteInt16LittleEndian(span[(at + 8 + i * 2)..], value);
        }

        return wav;
    }
}
