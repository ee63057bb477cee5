using System.Buffers.Binary;
using NWaves.Audio;
using NWaves.Operations;
using NWaves.Signals;

namespace VoiceAuth.Emulator.Recordings;

/// <summary>
/// Turns what a handset "spoke" into what Twilio stores: 8 kHz mono 16-bit PCM, silence trimmed like Twilio's
/// default <c>trim="trim-silence"</c>, cut at the Record's maxLength.
/// </summary>
internal static class PhoneAudio
{
    public const int SampleRate = 8000;
    private const int FrameSamples = SampleRate / 50; // 20 ms
    private const float SilenceRms = 0.005f; // about -46 dBFS

    /// <summary>True when the bytes are a WAV file the emulator can read.</summary>
    public static bool TryRead(byte[] wav, out float[] samples)
    {
        samples = [];
        if (wav.Length < 44 || wav[0] != 'R' || wav[1] != 'I' || wav[2] != 'F' || wav[3] != 'F')
        {
            return false;
        }

        try
        {
            var file = new WaveFile(wav);
            var mono = Mix(file.Signals);
            if (mono.SamplingRate != SampleRate)
            {
                mono = Operation.Resample(mono, SampleRate);
            }

            samples = mono.Samples;
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or EndOfStreamException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The part of the recording Twilio would keep.</summary>
    public static ReadOnlySpan<float> Keep(float[] samples, int maxLengthSeconds, bool trimSilence)
    {
        var span = samples.AsSpan(0, Math.Min(samples.Length, maxLengthSeconds * SampleRate));
        if (!trimSilence)
        {
            return span;
        }

        var frames = span.Length / FrameSamples;
        int first = -1, last = -1;
        for (var f = 0; f < frames; f++)
        {
            if (Rms(span.Slice(f * FrameSamples, FrameSamples)) >= SilenceRms)
            {
                if (first < 0) { first = f; }
                last = f;
            }
        }

        if (first < 0)
        {
            return [];
        }

        var margin = 5; // 100 ms either side, so words are not clipped
        var start = Math.Max(0, first - margin) * FrameSamples;
        var end = Math.Min(span.Length, (last + 1 + margin) * FrameSamples);
        return span[start..end];
    }

    public static double Seconds(int sampleCount) => (double)sampleCount / SampleRate;

    /// <summary>A canonical 44-byte-header WAV: 8 kHz, mono, 16-bit PCM.</summary>
    public static byte[] ToWav(ReadOnlySpan<float> samples)
    {
        var data = samples.Length * 2;
        var wav = new byte[44 + data];
        var s = wav.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], data);
        for (var i = 0; i < samples.Length; i++)
        {
            var v = (short)Math.Clamp(MathF.Round(samples[i] * short.MaxValue), short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(s[(44 + (i * 2))..], v);
        }

        return wav;
    }

    private static DiscreteSignal Mix(List<DiscreteSignal> channels)
    {
        if (channels.Count == 1)
        {
            return channels[0];
        }

        var length = channels.Min(c => c.Length);
        var mixed = new float[length];
        foreach (var channel in channels)
        {
            for (var i = 0; i < length; i++)
            {
                mixed[i] += channel.Samples[i] / channels.Count;
            }
        }

        return new DiscreteSignal(channels[0].SamplingRate, mixed);
    }

    private static float Rms(ReadOnlySpan<float> frame)
    {
        var sum = 0f;
        foreach (var x in frame)
        {
            sum += x * x;
        }

        return MathF.Sqrt(sum / frame.Length);
    }
}
