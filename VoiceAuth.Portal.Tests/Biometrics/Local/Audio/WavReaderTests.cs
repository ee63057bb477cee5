using System.Buffers.Binary;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local.Audio;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Audio;

public sealed class WavReaderTests
{
    private static readonly float[] Tone = Enumerable.Range(0, 8000).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray();

    private static DecodeResult Read(byte[] file) => WavReader.Read(file, 1 << 20, 30);

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Reads16BitPcmAtSupportedRates(int rate)
    {
        var samples = Enumerable.Range(0, rate / 2).Select(i => (float)(0.25 * Math.Sin(2 * Math.PI * 300 * i / rate))).ToArray();
        var result = Read(TestAudio.Pcm16(samples, rate));
        Assert.Equal(ReasonCode.Ok, result.Reason);
        Assert.Equal(rate, result.Audio!.SampleRate);
        Assert.Equal(samples.Length, result.Audio.Samples.Length);
        Assert.InRange(result.Audio.Samples.Max(), 0.24f, 0.26f);
    }

    [Fact]
    public void DecodesMuLawToTheRightSamplesNotAs8BitPcm()
    {
        var result = Read(TestAudio.MuLaw(Tone));
        Assert.Equal(ReasonCode.Ok, result.Reason);
        var error = result.Audio!.Samples.Zip(Tone, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(error < 0.02, $"μ-law decoded with error {error}");
    }

    [Fact]
    public void DecodesALawToTheRightSamples()
    {
        var result = Read(TestAudio.ALaw(Tone));
        Assert.Equal(ReasonCode.Ok, result.Reason);
        Assert.True(result.Audio!.Samples.Zip(Tone, (a, b) => Math.Abs(a - b)).Max() < 0.02);
    }

    [Fact]
    public void MixesStereoDownToMono()
    {
        var result = Read(TestAudio.Pcm16(Tone, 8000, channels: 2));
        Assert.Equal(ReasonCode.Ok, result.Reason);
        Assert.Equal(Tone.Length, result.Audio!.Samples.Length);
        Assert.InRange(result.Audio.Samples.Max(), 0.49f, 0.51f);
    }

    [Fact]
    public void ReadsTheFormatTagInsideWaveFormatExtensible()
    {
        var plain = TestAudio.MuLaw(Tone);
        var file = new byte[plain.Length + 24];
        plain.AsSpan(0, 16).CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), 40);
        plain.AsSpan(20, 16).CopyTo(file.AsSpan(20));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(20), 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(36), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(44), 7); // sub-format GUID starts with the real tag
        plain.AsSpan(36).CopyTo(file.AsSpan(60));
        var result = Read(file);
        Assert.Equal(ReasonCode.Ok, result.Reason);
        Assert.True(result.Audio!.Samples.Zip(Tone, (a, b) => Math.Abs(a - b)).Max() < 0.02);
    }

    [Fact]
    public void ReportsClipping()
    {
        var clipped = Tone.Select(v => Math.Clamp(v * 4, -1f, 1f)).ToArray();
        Assert.True(Read(TestAudio.Pcm16(clipped)).Audio!.ClippedFraction > 0.3);
        Assert.Equal(0, Read(TestAudio.Pcm16(Tone)).Audio!.ClippedFraction);
    }

    public static TheoryData<string, byte[], ReasonCode> BrokenFiles()
    {
        var good = TestAudio.Pcm16(Tone);
        return new()
        {
            { "empty", [], ReasonCode.Empty },
            { "text", "hello, this is not audio"u8.ToArray(), ReasonCode.UnsupportedFormat },
            { "riff but not wave", [.. "RIFF"u8, 4, 0, 0, 0, .. "AVI "u8], ReasonCode.UnsupportedFormat },
            { "riff header cut", [.. "RIFF"u8, 4, 0], ReasonCode.Malformed },
            { "truncated data", good[..(good.Length / 2)], ReasonCode.Malformed },
            { "no data chunk", good[..36], ReasonCode.Malformed },
            { "fmt cut short", [.. good[..16], 8, 0, 0, 0, 1, 0, 1, 0, 64, 31, 0, 0], ReasonCode.Malformed },
            { "data before fmt", TestAudio.Wav(1, 1, 8000, 16, [])[..12].Concat("data"u8.ToArray()).Concat(new byte[] { 2, 0, 0, 0, 1, 2 }).ToArray(), ReasonCode.Malformed },
            { "no samples", TestAudio.Wav(1, 1, 8000, 16, []), ReasonCode.Empty },
            { "8-bit pcm", TestAudio.Wav(1, 1, 8000, 8, new byte[800]), ReasonCode.UnsupportedFormat },
            { "ieee float", TestAudio.Wav(3, 1, 8000, 32, new byte[800]), ReasonCode.UnsupportedFormat },
            { "six channels", TestAudio.Wav(1, 6, 8000, 16, new byte[1200]), ReasonCode.UnsupportedFormat },
            { "4 kHz", TestAudio.Wav(1, 1, 4000, 16, new byte[800]), ReasonCode.UnsupportedFormat },
            { "96 kHz", TestAudio.Wav(1, 1, 96000, 16, new byte[800]), ReasonCode.UnsupportedFormat },
            { "lying data size", TestAudio.Wav(1, 1, 8000, 16, new byte[800], declaredDataSize: int.MaxValue), ReasonCode.Malformed },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void RefusesBrokenFilesWithAReason(string kind, byte[] file, ReasonCode expected)
    {
        var result = Read(file);
        Assert.True(result.Audio is null, kind);
        Assert.Equal(expected, result.Reason);
    }

    [Fact]
    public void RefusesOversizedAndOverLongFiles()
    {
        var minute = TestAudio.Pcm16(new float[8000 * 60]);
        Assert.Equal(ReasonCode.TooLarge, WavReader.Read(minute, 100_000, 600).Reason);
        Assert.Equal(ReasonCode.TooLong, WavReader.Read(minute, 10_000_000, 30).Reason);
    }

    [Fact]
    public void NeverThrowsOnRandomBytes()
    {
        var random = new Random(42);
        var good = TestAudio.Pcm16(Tone);
        for (var i = 0; i < 2000; i++)
        {
            var file = (byte[])good.Clone();
            for (var k = 0; k < 1 + i % 8; k++)
            {
                file[random.Next(Math.Min(file.Length, 64))] = (byte)random.Next(256);
            }

            var cut = file[..random.Next(file.Length)];
            _ = Read(file);
            _ = Read(cut);
        }
    }
}
