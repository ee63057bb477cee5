using System.Buffers.Binary;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

/// <summary>WAV files for handsets to "speak": a tone stands in for a voice, silence for silence.</summary>
public static class TestAudio
{
    public static byte[] Tone(double seconds, int sampleRate = 16000, int channels = 1, double leadingSilence = 0) =>
        Wav(sampleRate, channels, (int)((seconds + leadingSilence) * sampleRate), i => i < leadingSilence * sampleRate ? 0 : 0.3 * Math.Sin(2 * Math.PI * 440 * i / sampleRate));

    public static byte[] Silence(double seconds, int sampleRate = 16000) => Wav(sampleRate, 1, (int)(seconds * sampleRate), _ => 0);

    private static byte[] Wav(int rate, int channels, int frames, Func<int, double> sample)
    {
        var data = frames * channels * 2;
        var wav = new byte[44 + data];
        var s = wav.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], rate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], data);
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(s[(44 + (((i * channels) + c) * 2))..], (short)(sample(i) * short.MaxValue));
            }
        }

        return wav;
    }
}
