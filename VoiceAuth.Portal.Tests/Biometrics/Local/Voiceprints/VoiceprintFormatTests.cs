using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Voiceprints;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Voiceprints;

public sealed class VoiceprintFormatTests
{
    private static LocalVoiceprint Sample() => new()
    {
        Mode = VerificationMode.TextDependent,
        BackgroundId = "0123456789abcdef",
        PhraseHash = PhraseText.Hash("Never forget tomorrow is a new day"),
        Occupancy = [1.5f, 0, 42.25f],
        FirstOrder = [0.5f, -1.25f, 3f, 0, 0, 0],
        Templates = [[0.25f, -0.5f], [1f, 2f, 3f, 4f]],
        EnrollmentFingerprints = [[1u, 2u, 0x8000_0001u]],
        RecentFingerprints = [[7u], [8u, 9u]],
        Enrollments = 3,
    };

    [Fact]
    public void RoundTripsEveryField()
    {
        var original = Sample();
        var copy = VoiceprintFormat.Read(VoiceprintFormat.Write(original));
        Assert.NotNull(copy);
        Assert.Equal(original.Mode, copy.Mode);
        Assert.Equal(original.BackgroundId, copy.BackgroundId);
        Assert.Equal(original.PhraseHash, copy.PhraseHash);
        Assert.Equal(original.Enrollments, copy.Enrollments);
        Assert.Equal(original.Occupancy, copy.Occupancy);
        Assert.Equal(original.FirstOrder, copy.FirstOrder); // float16 holds these exactly
        Assert.Equal(original.Templates, copy.Templates);
        Assert.Equal(original.EnrollmentFingerprints, copy.EnrollmentFingerprints);
        Assert.Equal(original.RecentFingerprints, copy.RecentFingerprints);
    }

    [Fact]
    public void RoundTripsAMoveToANewerModelUnderWay()
    {
        var original = Sample();
        original.Successor = new LocalVoiceprint
        {
            Mode = original.Mode, BackgroundId = "fedcba9876543210", PhraseHash = original.PhraseHash,
            Occupancy = [2f, 1f], FirstOrder = [0.25f, 0.5f, -1f, 1f], Templates = [[3f, 4f]], DegradedTemplates = [[5f]], Enrollments = 1,
        };
        var bytes = VoiceprintFormat.Write(original);
        var copy = VoiceprintFormat.Read(bytes);
        Assert.NotNull(copy?.Successor);
        Assert.Equal("fedcba9876543210", copy.Successor.BackgroundId);
        Assert.Equal(1, copy.Successor.Enrollments);
        Assert.Equal(original.Successor.FirstOrder, copy.Successor.FirstOrder);
        Assert.Equal(original.Successor.DegradedTemplates, copy.Successor.DegradedTemplates);
        Assert.Equal(original.RecentFingerprints, copy.RecentFingerprints);
        Assert.Null(VoiceprintFormat.Read(bytes[..^1]));
    }

    [Fact]
    public void RoundTripsTheEnrollmentSideStatisticsWithAndWithoutAMoveUnderWay()
    {
        var original = Sample();
        original.EnrollmentSide = [0.25, 0.125, -0.5, 0.0625];
        var copy = VoiceprintFormat.Read(VoiceprintFormat.Write(original));
        Assert.Equal(original.EnrollmentSide, copy!.EnrollmentSide);
        Assert.Null(copy.Successor);

        original.Successor = new LocalVoiceprint
        {
            Mode = original.Mode, BackgroundId = "fedcba9876543210", PhraseHash = original.PhraseHash, Occupancy = [2f], FirstOrder = [0.5f, 1f], Enrollments = 1,
        };
        var bytes = VoiceprintFormat.Write(original);
        copy = VoiceprintFormat.Read(bytes);
        Assert.Equal(original.EnrollmentSide, copy!.EnrollmentSide);
        Assert.Equal("fedcba9876543210", copy.Successor!.BackgroundId);
        Assert.Null(VoiceprintFormat.Read(bytes[..^1]));
        Assert.Null(VoiceprintFormat.Read([.. bytes, 0]));
    }

    [Fact]
    public void A_voiceprint_without_enrollment_side_statistics_is_written_as_format_3_always_was()
    {
        var original = Sample();
        var before = VoiceprintFormat.Write(original);
        original.EnrollmentSide = [1, 2];
        var after = VoiceprintFormat.Write(original);
        Assert.Equal(before, after[..before.Length]);
        Assert.Null(VoiceprintFormat.Read(before)!.EnrollmentSide);
    }

    [Fact]
    public void RoundTripsTheGenuineLevelAloneAfterTheEnrollmentSideAndAfterAMoveUnderWay()
    {
        var original = Sample();
        var without = VoiceprintFormat.Write(original);
        original.GenuineLevel = 6.25;
        var bytes = VoiceprintFormat.Write(original);
        Assert.Equal(without, bytes[..without.Length]); // appended: older voiceprints read as before, with none
        Assert.Null(VoiceprintFormat.Read(without)!.GenuineLevel);
        Assert.Equal(6.25, VoiceprintFormat.Read(bytes)!.GenuineLevel);

        original.EnrollmentSide = [0.25, 0.125];
        Assert.Equal(6.25, VoiceprintFormat.Read(VoiceprintFormat.Write(original))!.GenuineLevel);
        original.Successor = new LocalVoiceprint
        {
            Mode = original.Mode, BackgroundId = "fedcba9876543210", PhraseHash = original.PhraseHash, Occupancy = [2f], FirstOrder = [0.5f, 1f], Enrollments = 1,
        };
        bytes = VoiceprintFormat.Write(original);
        var copy = VoiceprintFormat.Read(bytes)!;
        Assert.Equal((6.25, "fedcba9876543210"), (copy.GenuineLevel!.Value, copy.Successor!.BackgroundId));
        Assert.Equal(original.EnrollmentSide, copy.EnrollmentSide);
        Assert.Null(VoiceprintFormat.Read(bytes[..^1]));
        Assert.Null(VoiceprintFormat.Read([.. bytes, 0]));
    }

    [Fact]
    public void A_genuine_level_that_is_not_a_number_is_refused_not_misread()
    {
        var original = Sample();
        original.GenuineLevel = double.NaN;
        Assert.Null(VoiceprintFormat.Read(VoiceprintFormat.Write(original)));
        original.GenuineLevel = double.PositiveInfinity;
        Assert.Null(VoiceprintFormat.Read(VoiceprintFormat.Write(original)));
    }

    [Fact]
    public void A_voiceprint_with_no_move_under_way_is_written_as_before() =>
        Assert.Null(VoiceprintFormat.Read(VoiceprintFormat.Write(Sample()))!.Successor);

    [Fact]
    public void RefusesAnotherFormatVersion()
    {
        var bytes = VoiceprintFormat.Write(Sample());
        bytes[4]++;
        Assert.Null(VoiceprintFormat.Read(bytes));
    }

    [Fact]
    public void RefusesDamagedOrForeignBytesWithoutThrowing()
    {
        var bytes = VoiceprintFormat.Write(Sample());
        Assert.Null(VoiceprintFormat.Read([]));
        Assert.Null(VoiceprintFormat.Read("not a voiceprint"u8.ToArray()));
        for (var cut = 0; cut < bytes.Length; cut += 3)
        {
            Assert.Null(VoiceprintFormat.Read(bytes[..cut]));
        }
    }

    [Fact]
    public void PhrasesCompareByTheirWords() =>
        Assert.Equal(PhraseText.Hash("never forget, tomorrow is a NEW day."), PhraseText.Hash("Never forget tomorrow is a new day"));
}
