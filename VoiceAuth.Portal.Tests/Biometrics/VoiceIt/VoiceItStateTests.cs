using System.Text;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.VoiceIt;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

public sealed class VoiceItStateTests
{
    private const string UserId = "usr_0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void A_voiceprint_round_trips_and_is_complete_from_three_enrollments(int enrollments, bool complete)
    {
        var state = new VoiceItVoiceprint(UserId, enrollments).ToState();

        Assert.Equal(("voiceit", enrollments, complete), (state.Engine, state.EnrollmentCount, state.IsComplete));
        Assert.Equal(new VoiceItVoiceprint(UserId, enrollments), VoiceItVoiceprint.TryRead(state));
    }

    [Theory]
    [InlineData("voiceit", "{\"v\":2,\"userId\":\"usr_0123456789abcdef0123456789abcdef\",\"enrollments\":1}")]
    [InlineData("voiceit", "{\"v\":1,\"userId\":\"someone-else\",\"enrollments\":1}")]
    [InlineData("voiceit", "{\"v\":1,\"userId\":\"usr_0123456789abcdef0123456789abcdef\",\"enrollments\":-1}")]
    [InlineData("voiceit", "not json")]
    [InlineData("voiceit", "")]
    [InlineData("local", "{\"v\":1,\"userId\":\"usr_0123456789abcdef0123456789abcdef\",\"enrollments\":1}")]
    public void Unreadable_or_foreign_state_reads_as_nothing(string engine, string data)
    {
        Assert.Null(VoiceItVoiceprint.TryRead(new VoiceprintState(engine, Encoding.UTF8.GetBytes(data), 1, false)));
    }

    [Theory]
    [InlineData(4.8, 8000, false, null)]
    [InlineData(5.0, 16000, true, null)]
    [InlineData(5.5, 8000, true, null)]
    [InlineData(3.0, 8000, false, 0xFFFFFFFFu)] // streaming writer: size unknown, the bytes present count
    [InlineData(3.0, 8000, false, 0u)]
    public void Wav_duration_is_read_from_the_riff_header(double seconds, int sampleRate, bool extraChunk, uint? declaredSize)
    {
        var wav = TestWav.Tone(seconds, sampleRate: sampleRate, declaredDataSize: declaredSize, extraChunk: extraChunk);

        var duration = WavDuration.TryRead(wav);

        Assert.NotNull(duration);
        Assert.Equal(seconds, duration.Value.TotalSeconds, 3);
    }

    [Fact]
    public void Files_without_a_readable_riff_header_have_no_duration()
    {
        var wav = TestWav.Tone(1);

        Assert.Null(WavDuration.TryRead([]));
        Assert.Null(WavDuration.TryRead("ID3\u0004 mp3 data"u8));
        Assert.Null(WavDuration.TryRead(wav.AsSpan(0, 30))); // cut inside fmt
        Assert.Null(WavDuration.TryRead(wav.AsSpan(0, 12)));
    }

    [Fact]
    public void User_references_in_logs_keep_only_the_last_four_characters()
    {
        Assert.Equal("usr_…cdef", VoiceItLog.UserRef(UserId));
        Assert.DoesNotContain("0123456789", VoiceItLog.UserRef(UserId), StringComparison.Ordinal);
        Assert.Equal("usr_…", VoiceItLog.UserRef(null));
    }
}
