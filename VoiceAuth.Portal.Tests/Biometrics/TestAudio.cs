using System.Buffers.Binary;

namespace VoiceAuth.Portal.Tests.Biometrics;

/// <summary>Builds WAV files and speech-like signals for the engine's tests, with an independent G.711 encoder.</summary>
internal static class TestAudio
{
    /// <summary>
    /// Syllable-like bursts of a voiced harmonic sound (pitch gliding, formant-ish partials) separated by short pauses,
    /// framed by silence: enough for an energy voice-activity detector to find the speech and the quiet.
    /// </summary>
    public static float[] SpeechLike(double seconds, int rate = 8000, double peak = 0.5, int seed = 1)
    {
        var random = new Random(seed);
        var x = new float[(int)(seconds * rate)];
        var lead = (int)(0.3 * rate);
        var t = lead;
        while (t < x.Length - lead)
        {
            var length = (int)((0.15 + 0.2 * random.NextDouble()) * rate);
            var f0 = 160 + 80 * random.NextDouble();
            for (var i = 0; i < length && t + i < x.Length - lead; i++)
            {
                var envelope = Math.Sin(Math.PI * i / length);
                var f = f0 * (1 + 0.1 * i / length);
                double s = 0;
                for (var h = 1; h <= 12; h++)
                {
                    s += Math.Sin(2 * Math.PI * f * h * i / rate) / h;
                }

                x[t + i] = (float)(peak * 0.5 * envelope * s);
            }

            t += length + (int)(0.05 * rate);
        }

        return x;
    }

    public static float[] Noise(double seconds, double level, int rate = 8000, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, (int)(seconds * rate)).Select(_ => (float)(level * (random.NextDouble() * 2 - 1))).ToArray();
    }

    public static float[] Mix(float[] a, float[] b) => a.Select((v, i) => v + (i < b.Length ? b[i] : 0)).ToArray();

    public static byte[] Pcm16(float[] samples, int rate = 8000, int channels = 1)
    {
        var data = new byte[samples.Length * 2 * channels];
        for (var i = 0; i < samples.Length; i++)
        {
            var v = (short)Math.Clamp(Math.Round(samples[i] * 32767), -32768, 32767);
            for (var c = 0; c < channels; c++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * (i * channels + c)), v);
            }
        }

        return Wav(1, channels, rate, 16, data);
    }

    public static byte[] MuLaw(float[] samples, int rate = 8000) => Wav(7, 1, rate, 8, samples.Select(s => EncodeMuLaw(ToShort(s))).ToArray());

    public static byte[] ALaw(float[] samples, int rate = 8000) => Wav(6, 1, rate, 8, samples.Select(s => EncodeALaw(ToShort(s))).ToArray());

    public static byte[] Wav(ushort tag, int channels, int rate, int bits, byte[] data, int? declaredDataSize = null)
    {
        var file = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), 36 + data.Length);
        "WAVEfmt "u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(20), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(28), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(32), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(34), (ushort)bits);
        "data"u8.CopyTo(file.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(40), declaredDataSize ?? data.Length);
        data.CopyTo(file.AsSpan(44));
        return file;
    }

    private static short ToShort(float s) => (short)Math.Clamp(Math.Round(s * 32767), -32768, 32767);

    // Reference G.711 encoders (Sun's g711.c), independent of the engine's decoder tables.
    private static byte EncodeMuLaw(short pcm)
    {
        const int bias = 0x84, clip = 32635;
        var sign = (pcm >> 8) & 0x80;
        int v = pcm;
        if (sign != 0)
        {
            v = -v;
        }

        v = Math.Min(v, clip) + bias;
        var exponent = 7;
        for (var mask = 0x4000; (v & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (v >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    private static byte EncodeALaw(short pcm)
    {
        int v = pcm >> 3;
        int mask;
        if (v >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            v = -v - 1;
        }

        int[] ends = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF];
        var segment = Array.FindIndex(ends, e => v <= e);
        if (segment < 0)
        {
            return (byte)(0x7F ^ mask);
        }

        var a = segment << 4;
        a |= segment < 2 ? (v >> 1) & 0x0F : (v >> segment) & 0x0F;
        return (byte)(a ^ mask);
    }
}
