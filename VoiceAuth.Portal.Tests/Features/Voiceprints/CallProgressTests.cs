using Bunit;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Voiceprints;

public sealed class CallProgressTests : MudTestContext
{
    [Theory]
    [InlineData(SessionPurpose.Enroll, "Enrolled")]
    [InlineData(SessionPurpose.Verify, "Passed")]
    public void The_last_step_says_what_the_headline_says(SessionPurpose purpose, string outcome)
    {
        var id = Guid.NewGuid();
        SessionUpdate Step(int n, SessionState state, bool final = false) =>
            new(id, n, purpose, state, 1, 1, null, null, "", final, DateTimeOffset.UtcNow);

        var progress = Render<CallProgress>(p => p.Add(x => x.Steps, [Step(1, SessionState.Calling), Step(2, SessionState.Checking), Step(3, SessionState.Passed, final: true)]));

        Assert.Equal(outcome, progress.Find("#progress-headline").TextContent.Trim());
        Assert.Equal(outcome, progress.FindAll("#progress-steps li")[^1].TextContent.Trim());
    }
}
