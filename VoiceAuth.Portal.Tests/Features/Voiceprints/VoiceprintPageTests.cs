using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Infrastructure;
using static VoiceAuth.Portal.Tests.Features.Voiceprints.FakeVoiceprintActions;

namespace VoiceAuth.Portal.Tests.Features.Voiceprints;

public sealed class VoiceprintPageTests : MudTestContext
{
    private readonly FakeVoiceprintActions actions = new();
    private readonly Guid session = Guid.NewGuid();

    public VoiceprintPageTests()
    {
        Services.AddSingleton<IVoiceprintActions>(actions);
        var auth = AddAuthorization();
        auth.SetAuthorized("ada@example.com");
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-1"));
    }

    private IRenderedComponent<MudBlazor.MudDialogProvider> dialogs = default!;

    private IRenderedComponent<VoiceprintPage> RenderPage()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        Render<MudBlazor.MudPopoverProvider>();
        dialogs = Render<MudBlazor.MudDialogProvider>();
        return Render<VoiceprintPage>();
    }

    [Fact]
    public void Not_enrolled_without_consent_asks_for_consent_before_enrolling()
    {
        actions.Overview = Make(EnrollmentStatus.NotEnrolled, consented: false);
        var page = RenderPage();

        Assert.Equal("Not enrolled", page.Find("#status-chip").TextContent.Trim());
        Assert.True(page.Find("#enroll").HasAttribute("disabled"));
        page.Find("#consent input[type=checkbox]").Change(true);
        page.Find("#consent-agree").Click();

        Assert.Contains("consent", actions.Calls);
        page.WaitForAssertion(() => Assert.False(page.Find("#enroll").HasAttribute("disabled")));
        Assert.Empty(page.FindAll("#consent"));
    }

    [Fact]
    public void Enrolling_shows_how_far_and_offers_to_continue()
    {
        actions.Overview = Make(EnrollmentStatus.Enrolling, count: 2);
        var page = RenderPage();

        Assert.Equal("Enrolling 2 of 3", page.Find("#status-chip").TextContent.Trim());
        Assert.Contains("Continue enrolling", page.Find("#enroll").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#verify"));
        Assert.Empty(page.FindAll("#recovery-hint"));
    }

    [Fact]
    public void Enrolled_offers_verify_re_enroll_and_delete_and_names_the_engine()
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3);
        var page = RenderPage();

        Assert.Equal("Enrolled", page.Find("#status-chip").TextContent.Trim());
        Assert.Contains("since 1 Nov 2026 with the built-in engine", page.Find("#status-text").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("#verify"));
        Assert.NotNull(page.Find("#re-enroll"));
        Assert.NotNull(page.Find("#delete"));
        Assert.Equal("Account/Manage/RecoveryCodes", page.Find("#recovery-hint a").GetAttribute("href"));
    }

    [Fact]
    public void Locked_explains_until_when_and_offers_no_verification()
    {
        actions.Overview = Make(EnrollmentStatus.Locked, count: 3);
        var page = RenderPage();

        Assert.Equal("Locked", page.Find("#status-chip").TextContent.Trim());
        Assert.Contains("until 22:30 UTC", page.Find("#status-text").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#verify"));
    }

    [Fact]
    public void A_voiceprint_from_another_engine_must_be_made_again()
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3, engine: "voiceit");
        var page = RenderPage();

        Assert.Contains("VoiceIt engine", page.Find("#engine-mismatch").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#verify"));
        Assert.NotNull(page.Find("#enroll"));
    }

    [Fact]
    public void Without_a_phone_number_the_page_links_to_the_profile_and_cannot_call()
    {
        actions.Overview = Make(EnrollmentStatus.NotEnrolled, phone: null);
        var page = RenderPage();

        Assert.Contains("Add your mobile number", page.Find("#voiceprint-status").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("#enroll").HasAttribute("disabled"));
    }

    [Fact]
    public void Emulated_calls_are_said_plainly_with_a_link_to_the_softphone()
    {
        actions.Overview = Make(EnrollmentStatus.NotEnrolled, emulated: true);
        var page = RenderPage();

        Assert.Contains("no real phone rings", page.Find("#emulated-note").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_call_is_explained()
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3);
        actions.NextStart = StartResult.Refused(ReasonCode.RateLimited, "You have asked for several calls in a short time.");
        var page = RenderPage();

        page.Find("#verify").Click();

        Assert.Contains("several calls", page.Find("#page-message").TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<SessionState, SessionPurpose, int, ReasonCode?, string, string> LiveStates => new()
    {
        { SessionState.Calling, SessionPurpose.Verify, 1, null, "Calling", "Calling your phone" },
        { SessionState.Ringing, SessionPurpose.Verify, 1, null, "Ringing", "ringing" },
        { SessionState.Answered, SessionPurpose.Verify, 1, null, "Answered", "Key the code shown here" },
        { SessionState.Recording, SessionPurpose.Enroll, 2, null, "Recording 2 of 3", "Recording 2 of 3" },
        { SessionState.Recording, SessionPurpose.Enroll, 2, ReasonCode.TooNoisy, "Recording 2 of 3", "too much background noise" },
        { SessionState.Checking, SessionPurpose.Verify, 1, null, "Checking", "Checking your voice" },
    };

    [Theory]
    [MemberData(nameof(LiveStates))]
    public void Each_live_step_shows_with_a_cancel_button(SessionState state, SessionPurpose purpose, int step, ReasonCode? reason, string headline, string message)
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3, live: session);
        actions.Stored.Add(Update(session, 1, SessionState.Calling, purpose, step, purpose == SessionPurpose.Enroll ? 3 : 1));
        actions.Stored.Add(Update(session, 2, state, purpose, step, purpose == SessionPurpose.Enroll ? 3 : 1, reason));
        var page = RenderPage();

        Assert.Equal(headline, page.Find("#progress-headline").TextContent.Trim());
        Assert.Contains(message, page.Find("#progress-message").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.Find("#cancel-call"));
        Assert.Empty(page.FindAll("#retry-call"));
    }

    [Fact]
    public async Task The_code_to_key_is_shown_while_the_call_waits_for_it_and_gone_once_recording()
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3, live: session);
        actions.Stored.Add(Update(session, 1, SessionState.Calling) with { Code = "4821" });
        var page = RenderPage();

        Assert.Equal("4821", page.Find("#call-code").TextContent.Trim());
        await page.InvokeAsync(() => actions.PushAsync(Update(session, 2, SessionState.Answered) with { Code = "4821" }));
        Assert.Equal("4821", page.Find("#call-code").TextContent.Trim());
        await page.InvokeAsync(() => actions.PushAsync(Update(session, 3, SessionState.Recording)));
        Assert.Empty(page.FindAll("#call-code"));
    }

    public static TheoryData<SessionState, ReasonCode?, int?, string, string, bool> FinalStates => new()
    {
        { SessionState.Passed, ReasonCode.Ok, 92, "Passed", "It is you", false },
        { SessionState.Failed, ReasonCode.Mismatch, 20, "Failed", "did not match", true },
        { SessionState.Failed, ReasonCode.Locked, 20, "Failed", "locked", false },
        { SessionState.NoAnswer, null, null, "No answer", "nobody picked up", true },
        { SessionState.Busy, null, null, "Busy", "busy", true },
        { SessionState.Voicemail, null, null, "Voicemail", "Voicemail answered", true },
        { SessionState.Error, ReasonCode.ServiceUnavailable, null, "Error", "could not be reached", true },
    };

    [Theory]
    [MemberData(nameof(FinalStates))]
    public void Each_outcome_is_explained_and_retry_is_offered_where_it_makes_sense(SessionState state, ReasonCode? reason, int? score, string headline, string message, bool retry)
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3, live: session);
        actions.Stored.Add(Update(session, 1, SessionState.Calling));
        actions.Stored.Add(Update(session, 2, state, reason: reason, score: score));
        var page = RenderPage();

        Assert.Equal(headline, page.Find("#progress-headline").TextContent.Trim());
        Assert.Contains(message, page.Find("#progress-message").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(retry, page.FindAll("#retry-call").Count == 1);
        Assert.Empty(page.FindAll("#cancel-call"));
        if (state == SessionState.Passed)
        {
            Assert.Equal("Match: strong", page.Find("#score-band").TextContent.Trim());
        }
    }

    [Fact]
    public async Task Clicking_verify_follows_the_new_call_live_in_order()
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3);
        actions.NextStart = new(session, null, null);
        var page = RenderPage();

        page.Find("#verify").Click();
        Assert.Contains("start:Verify", actions.Calls);
        Assert.True(actions.IsSubscribed(session));

        await page.InvokeAsync(() => actions.PushAsync(Update(session, 2, SessionState.Ringing)));
        await page.InvokeAsync(() => actions.PushAsync(Update(session, 1, SessionState.Calling))); // late, out of order
        await page.InvokeAsync(() => actions.PushAsync(Update(session, 2, SessionState.Ringing))); // duplicate
        await page.InvokeAsync(() => actions.PushAsync(Update(session, 3, SessionState.Answered)));

        page.WaitForAssertion(() => Assert.Equal("Answered", page.Find("#progress-headline").TextContent.Trim()));
        var shown = page.FindAll("#progress-steps li").Select(li => li.GetAttribute("data-state")).ToList();
        Assert.Equal(["Calling", "Ringing", "Answered"], shown);
    }

    [Fact]
    public void Cancelling_a_live_call_asks_the_backend()
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3, live: session);
        actions.Stored.Add(Update(session, 1, SessionState.Ringing));
        var page = RenderPage();

        page.Find("#cancel-call").Click();

        Assert.Contains("cancel", actions.Calls);
    }

    [Fact]
    public void History_lists_past_calls_with_score_bands_never_numbers()
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3, history:
        [
            new(DateTimeOffset.UtcNow, SessionPurpose.Verify, SessionState.Passed, "strong", "Passed. It is you."),
            new(DateTimeOffset.UtcNow, SessionPurpose.Enroll, SessionState.Passed, null, "Enrolled. Your voiceprint is ready."),
            new(DateTimeOffset.UtcNow, SessionPurpose.Verify, SessionState.Failed, "no match", "Failed.", Client: "shop"),
        ]);
        var page = RenderPage();

        var rows = page.FindAll("#history tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Contains("strong", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Enroll", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(" for ", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Verify for shop", System.Text.RegularExpressions.Regex.Replace(rows[2].TextContent, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_asks_for_confirmation_first()
    {
        actions.Overview = Make(EnrollmentStatus.Enrolled, count: 3);
        var page = RenderPage();

        page.Find("#delete").Click();
        Assert.DoesNotContain("delete", actions.Calls); // not before confirming

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("button")));
        var confirm = dialogs.FindAll("button").First(b => b.TextContent.Contains("Delete", StringComparison.Ordinal));
        Assert.Contains("mud-button-filled-error", confirm.ClassName, StringComparison.Ordinal); // red: it deletes
        confirm.Click();

        page.WaitForAssertion(() => Assert.Contains("delete", actions.Calls));
        page.WaitForAssertion(() => Assert.Equal("Not enrolled", page.Find("#status-chip").TextContent.Trim()));
    }
}
