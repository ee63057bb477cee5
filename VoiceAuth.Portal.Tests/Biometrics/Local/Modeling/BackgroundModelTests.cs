using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Features;
using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Modeling;

public sealed class BackgroundModelTests
{
    [Fact]
    public void ShipsOneSubsystemPerFeatureStreamAndRoundTrips()
    {
        var shipped = BackgroundModel.Shipped;
        Assert.Equal(Enum.GetValues<FeatureStream>(), shipped.Subsystems.Select(s => s.Stream));
        Assert.All(shipped.Subsystems, s => Assert.NotEmpty(s.CohortMeans));
        var copy = BackgroundModel.FromBytes(shipped.ToBytes());
        Assert.Equal(shipped.Id, copy.Id);
        Assert.Equal(shipped.Subsystems[1].Ubm.Variances, copy.Subsystems[1].Ubm.Variances);
    }

    [Fact]
    public void TheShippedModelCarriesAnEnrollmentSideCohortThatSurvivesARoundTrip()
    {
        var shipped = BackgroundModel.Shipped;
        Assert.True(shipped.HasEnrollmentSide);
        Assert.All(shipped.Subsystems, s => Assert.True(s.SideRecordings.Count >= 30));
        var copy = BackgroundModel.FromBytes(shipped.ToBytes());
        Assert.Equal(shipped.Subsystems[1].SideRecordings, copy.Subsystems[1].SideRecordings);
        // Of the earlier models only round 12's (version 4) has one: its S-normed voiceprints keep their scoring until they move.
        Assert.Equal(FeatureSettings.DeltasVersion, Assert.Single(BackgroundModel.ShippedEarlier, m => m.HasEnrollmentSide).FeatureVersion);
        Assert.Equal(FeatureSettings.AccelerationVersion, shipped.FeatureVersion);
    }

    [Fact]
    public void TextDependentModeScoresWithTheNormalisedStreamOnly()
    {
        var shipped = BackgroundModel.Shipped;
        Assert.Equal([FeatureStream.Normalised], shipped.For(VerificationMode.TextDependent).Select(s => s.Stream));
        Assert.Equal(shipped.Subsystems, shipped.For(VerificationMode.TextIndependent));
    }

    [Fact]
    public void RefusesAnotherFormatVersion()
    {
        var bytes = BackgroundModel.Shipped.ToBytes();
        bytes[4]++;
        Assert.Throws<InvalidDataException>(() => BackgroundModel.FromBytes(bytes));
    }
}
