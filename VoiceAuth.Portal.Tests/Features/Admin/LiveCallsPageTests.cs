using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Admin;

/// <summary>The live-calls page on a circuit, driven by real webhooks against a real database.</summary>
public sealed class LiveCallsPageTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly PhoneFlowHarness portal = new();

    public LiveCallsPageTests()
    {
        Services.AddSingleton(portal.Services.GetRequiredService<LiveCalls>());
        Services.AddSingleton(portal.Services.GetRequiredService<SessionNotifier>());
        SignInAsAdminOnCircuit(popovers: false);
    }

    private static string StepOf(IRenderedComponent<LiveCallsPage> page, Guid id) =>
        page.Find($"#live-calls tr[data-session='{id:N}'] .live-step").TextContent;

    [Fact]
    public async Task A_call_in_progress_shows_its_step_moves_live_and_drops_off_when_it_ends()
    {
        var user = await portal.CreateCallerAsync("caller@example.com", enrolled: true);
        var (id, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        var number = (await portal.SessionAsync(id)).CalledNumber!;

        var page = Render<LiveCallsPage>();
        page.WaitForAssertion(() => Assert.Equal("Calling", StepOf(page, id)), Wait);
        Assert.Contains("caller@example.com", page.Find("#live-calls").TextContent, StringComparison.Ordinal);

        await portal.StatusAsync(id, callSid, "ringing", 1);
        page.WaitForAssertion(() => Assert.Equal("Ringing", StepOf(page, id)), Wait);

        await portal.StatusAsync(id, callSid, "in-progress", 2);
        page.WaitForAssertion(() => Assert.StartsWith("Answered", StepOf(page, id), StringComparison.Ordinal), Wait);

        await portal.KeyCodeAsync(id, callSid);
        page.WaitForAssertion(() => Assert.StartsWith("Recording", StepOf(page, id), StringComparison.Ordinal), Wait);

        // Neither the number nor the code the person keys ever reaches the operator's page.
        Assert.DoesNotContain(number[2..], page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain((await portal.SessionAsync(id)).CallCode!, page.Markup, StringComparison.Ordinal);
        Assert.Contains(number[^2..], page.Find($"#live-calls tr[data-session='{id:N}']").TextContent, StringComparison.Ordinal);

        await portal.StatusAsync(id, callSid, "completed", 3);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"#live-calls tr[data-session='{id:N}']")), Wait);
        Assert.True((await portal.SessionAsync(id)).IsFinal);
        Assert.Equal("No calls in progress.", page.Find("#live-count").TextContent);
    }

    [Fact]
    public async Task A_call_started_after_the_page_opened_appears_without_a_reload()
    {
        var page = Render<LiveCallsPage>();
        page.WaitForAssertion(() => Assert.Equal("No calls in progress.", page.Find("#live-count").TextContent), Wait);
        var user = await portal.CreateCallerAsync("later@example.com", enrolled: true);

        var (id, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        await portal.StatusAsync(id, callSid, "ringing", 1);

        page.WaitForAssertion(() => Assert.Equal("Ringing", StepOf(page, id)), Wait);
        Assert.Equal("1 call in progress.", page.Find("#live-count").TextContent);
    }

    [Fact]
    public async Task Finished_calls_are_not_listed()
    {
        var user = await portal.CreateCallerAsync("done@example.com", enrolled: true);
        var (id, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        await portal.StatusAsync(id, callSid, "no-answer", 1);
        Assert.True(await portal.WithDbAsync(db => db.Sessions.AnyAsync(s => s.Id == id && s.State == SessionState.NoAnswer)));

        var page = Render<LiveCallsPage>();

        page.WaitForAssertion(() => Assert.Equal("No calls in progress.", page.Find("#live-count").TextContent), Wait);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        portal.Dispose();
    }
}
