using VoiceAuth.Portal.Biometrics.Local.Features;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Features;

public sealed class VoiceActivityTests
{
    private const double Floor = -60;

    /// <summary>1 s of steady noise, then quiet speech 4.5 dB over the floor and loud speech 12 dB over it.</summary>
    private static double[] Energies(int quietFrames, int loudFrames) =>
        Enumerable.Repeat(Floor, 100)
            .Concat(Enumerable.Repeat(Floor + 4.5, quietFrames))
            .Concat(Enumerable.Repeat(Floor + 12, loudFrames))
            .Concat(Enumerable.Repeat(Floor, 100))
            .ToArray();

    [Fact]
    public void KeepsTheStrictCutWhenItLeavesEnoughSpeech()
    {
        var (speech, stats) = VoiceActivity.Detect(Energies(150, 120), loosenWhenShort: true);
        Assert.Equal(120, speech.Count(s => s));
        Assert.Equal(1.2, stats.SpeechSeconds, 6);
    }

    [Fact]
    public void RelaxesTheNoiseMarginWhenTheStrictCutLeavesTooLittle()
    {
        var (speech, stats) = VoiceActivity.Detect(Energies(150, 60), loosenWhenShort: true);
        Assert.Equal(210, speech.Count(s => s));
        Assert.Equal(2.1, stats.SpeechSeconds, 6);
        // The level (and so the quality gate's SNR) is still that of the strict selection, the loud frames.
        Assert.Equal(Floor + 12, stats.SpeechLevelDb, 6);
        Assert.Equal(12, stats.SnrDb, 6);
    }

    [Fact]
    public void DegradedCopiesKeepTheStrictCut()
    {
        var (speech, _) = VoiceActivity.Detect(Energies(150, 60), loosenWhenShort: false);
        Assert.Equal(60, speech.Count(s => s));
    }

    [Fact]
    public void SteadyNoiseAloneIsNeverSpeech()
    {
        var (speech, stats) = VoiceActivity.Detect(Enumerable.Repeat(Floor, 300).ToArray(), loosenWhenShort: true);
        Assert.DoesNotContain(true, speech);
        Assert.Equal(0, stats.SpeechSeconds);
    }
}
