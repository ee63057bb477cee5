using VoiceAuth.Portal.Biometrics.Local.Scoring;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Scoring;

public sealed class SequentialDecisionTests
{
    [Theory]
    [InlineData(50, true)]
    [InlineData(49, false)]
    [InlineData(90, true)]
    public void A_first_attempt_is_decided_on_its_own(int score, bool accepted) =>
        Assert.Equal(accepted, SequentialDecision.Accepts(score, [], 50));

    [Fact]
    public void A_second_attempt_that_barely_passes_does_not_make_up_for_a_clear_miss() =>
        Assert.False(SequentialDecision.Accepts(55, [10], 50));

    [Fact]
    public void A_genuine_caller_whose_first_try_was_near_the_mark_passes_with_a_good_second() =>
        Assert.True(SequentialDecision.Accepts(85, [40], 50));

    [Fact]
    public void A_second_attempt_below_the_threshold_fails_however_good_the_first() =>
        Assert.False(SequentialDecision.Accepts(45, [99], 50));

    [Fact]
    public void The_evidence_is_weighed_against_the_operators_threshold()
    {
        Assert.True(SequentialDecision.Accepts(75, [40], 50));
        Assert.False(SequentialDecision.Accepts(75, [40], 60));
    }
}
