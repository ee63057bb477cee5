using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Settings;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Settings;

/// <summary>The admin settings page over HTTP: changes apply to the next call, are validated, audited and refused to users.</summary>
public sealed class SettingsPageTests : IDisposable
{
    private const byte Impostor = 3;
    private const string Attempts = "Verification.VerifyAttemptsPerCall";
    private const string AdminEmail = "boss@example.com";
    private static readonly IPAddress AdminAddress = IPAddress.Parse("198.51.100.23");
    private readonly PhoneFlowHarness portal = new();

    public SettingsPageTests()
    {
        portal.Engine.Answers[Impostor] = (BiometricDecision.Rejected, ReasonCode.Mismatch, 12);
        portal.TestServices.Add(s => s.AddSingleton<IStartupFilter>(new FixedRemoteAddress(AdminAddress)));
    }

    private async Task<HttpClient> AdminAsync()
    {
        await portal.CreateUserAsync(AdminEmail, roles: [Roles.Admin, Roles.User]);
        var client = portal.CreateBrowserClient();
        await client.SignInAsync(AdminEmail);
        return client;
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string slug, string value, bool confirm = false)
    {
        var fields = new Dictionary<string, string> { ["Input.Value"] = value };
        if (confirm)
        {
            fields["Input.Confirm"] = "true";
        }

        return client.SubmitFormAsync($"/admin/settings/{slug}", "change-setting", fields);
    }

    private Task<List<AuditEntry>> SettingsAuditAsync() =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKind.SettingsChanged).ToListAsync());

    private VerificationOptions Verification => portal.Services.GetRequiredService<IOptionsMonitor<VerificationOptions>>().CurrentValue;

    [Fact]
    public async Task Attempts_per_call_changed_on_the_page_apply_to_the_next_call_with_one_audit_row()
    {
        var admin = await AdminAsync();
        Assert.Equal(2, Verification.VerifyAttemptsPerCall);

        var response = await ChangeAsync(admin, Attempts, "1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/settings?changed=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Verification.VerifyAttemptsPerCall);

        // The next call: one mismatch now ends it (with the default of 2 the caller would be asked again).
        var user = await portal.CreateCallerAsync("caller@example.com", enrolled: true);
        var (id, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        await portal.StatusAsync(id, callSid, "ringing", 1);
        await portal.VoiceAsync("answer", id, callSid, new() { ["AnsweredBy"] = "human" });
        await portal.KeyCodeAsync(id, callSid);
        await portal.RecordAsync(id, callSid, 1, Impostor);
        var final = await portal.WaitAsync(id, callSid);
        Assert.Contains("not verified", final, StringComparison.Ordinal);
        Assert.Equal(SessionState.Failed, (await portal.SessionAsync(id)).State);

        var entry = Assert.Single(await SettingsAuditAsync());
        Assert.Equal("Verification:VerifyAttemptsPerCall: 2 → 1", entry.Detail);
        Assert.Equal((AdminEmail, AdminAddress.ToString(), "Succeeded"), (entry.ActorEmail, entry.Ip, entry.Outcome));

        var page = await admin.GetDocumentAsync("/admin/settings");
        var row = page.QuerySelector("#settings tr[data-key='Verification:VerifyAttemptsPerCall']")!;
        Assert.Equal("1", row.QuerySelector(".setting-value")!.TextContent);
        Assert.StartsWith($"Changed by {AdminEmail} on ", row.QuerySelector(".setting-source")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9", "Verification:VerifyAttemptsPerCall must be between 1 and 5 (was 9).")]
    [InlineData("two", "Verification:VerifyAttemptsPerCall must be a whole number (was 'two').")]
    public async Task An_invalid_value_is_refused_with_a_clear_message_and_nothing_changes(string value, string message)
    {
        var admin = await AdminAsync();

        var response = await ChangeAsync(admin, Attempts, value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, page.QuerySelector("#setting-errors")!.TextContent.Trim());
        Assert.Equal(2, Verification.VerifyAttemptsPerCall);
        Assert.Empty(await SettingsAuditAsync());
        Assert.False(await portal.WithDbAsync(db => db.Set<PortalSetting>().AnyAsync()));
    }

    [Fact]
    public async Task A_threshold_the_engine_would_refuse_at_start_up_is_refused_here()
    {
        var admin = await AdminAsync();

        var response = await ChangeAsync(admin, "Biometrics.Local.Threshold", "101");

        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Biometrics:Local:Threshold must be between 0 and 100", page.QuerySelector("#setting-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_to_VoiceIt_without_its_credentials_is_refused_naming_the_key()
    {
        var admin = await AdminAsync();

        var response = await ChangeAsync(admin, "Biometrics.Provider", "VoiceIt", confirm: true);

        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Biometrics:VoiceIt:ApiKey", page.QuerySelector("#setting-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await SettingsAuditAsync());
    }

    [Fact]
    public async Task A_new_passphrase_with_enrolled_voiceprints_needs_confirmation_then_reaches_phone_and_engine()
    {
        var admin = await AdminAsync();
        await portal.CreateCallerAsync("enrolled@example.com", enrolled: true);
        const string phrase = "My voice opens the garden gate";

        var refused = HtmlForms.Parse(await (await ChangeAsync(admin, "Verification.Phrase", phrase)).Content.ReadAsStringAsync());
        Assert.Contains("1 enrolled voiceprint(s) would stop working", refused.QuerySelector("#setting-errors")!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(phrase, Verification.Phrase);

        var done = await ChangeAsync(admin, "Verification.Phrase", phrase, confirm: true);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(phrase, Verification.Phrase);
        Assert.Equal(phrase, portal.Services.GetRequiredService<IOptionsMonitor<LocalEngineOptions>>().CurrentValue.Passphrase);
        Assert.Single(await SettingsAuditAsync());
    }

    [Fact]
    public async Task Putting_back_the_default_is_applied_shown_and_audited()
    {
        var admin = await AdminAsync();
        await ChangeAsync(admin, Attempts, "3");

        var response = await admin.SubmitFormAsync($"/admin/settings/{Attempts}", "reset-setting", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, Verification.VerifyAttemptsPerCall);
        var details = (await SettingsAuditAsync()).Select(e => e.Detail).Order().ToList();
        Assert.Equal(["Verification:VerifyAttemptsPerCall: 2 → 3", "Verification:VerifyAttemptsPerCall: 3 → 2 (default)"], details);
        var page = await admin.GetDocumentAsync($"/admin/settings/{Attempts}");
        Assert.StartsWith($"Default (put back by {AdminEmail}", page.QuerySelector("#setting-source")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_cannot_change_a_setting()
    {
        await portal.CreateUserAsync("user@example.com");
        var user = portal.CreateBrowserClient();
        await user.SignInAsync("user@example.com");

        // A genuine antiforgery token (from the sign-out form every signed-in page has): only the role is missing.
        var token = (await user.GetDocumentAsync("/")).QuerySelector("form[action='Account/Logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await user.PostAsync($"/admin/settings/{Attempts}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "change-setting",
            ["Input.Value"] = "1",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(2, Verification.VerifyAttemptsPerCall);
        Assert.Empty(await SettingsAuditAsync());
    }

    [Fact]
    public async Task The_threshold_shows_the_shipped_figures_until_an_evaluation_is_imported()
    {
        var admin = await AdminAsync();
        var before = await admin.GetDocumentAsync("/admin/settings");
        Assert.Contains("FMR 0.76 %, FNMR 19.1 %", before.QuerySelector("#threshold-figures")!.TextContent, StringComparison.Ordinal);

        var response = await admin.SubmitFormAsync("/admin/settings", "import-evaluation", new Dictionary<string, string>
        {
            ["Import.Json"] = """{"eer":0.04,"fmr":0.012,"fnmr":0.063,"trials":1440,"threshold":50,"mode":"TextIndependent"}""",
            ["Import.Label"] = "our calls",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await admin.GetDocumentAsync("/admin/settings");
        var figures = after.QuerySelector("#threshold-figures")!.TextContent;
        Assert.Contains("our calls: FMR 1.2 %, FNMR 6.3 %", figures, StringComparison.Ordinal);
        Assert.DoesNotContain("0.76 %", figures, StringComparison.Ordinal);
        Assert.Single(await SettingsAuditAsync());
    }

    [Fact]
    public async Task An_import_that_does_not_say_its_threshold_asks_for_it()
    {
        var admin = await AdminAsync();

        var response = await admin.SubmitFormAsync("/admin/settings", "import-evaluation", new Dictionary<string, string>
        {
            ["Import.Json"] = """{"eer":0.04,"fmr":0.012,"fnmr":0.063}""",
        });

        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("enter the --threshold the run used", page.QuerySelector("#import-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(await portal.WithDbAsync(db => db.Set<EngineEvaluation>().AnyAsync()));
    }

    [Fact]
    public async Task At_a_threshold_nobody_measured_the_page_says_so_instead_of_showing_other_figures()
    {
        var admin = await AdminAsync();
        await ChangeAsync(admin, "Biometrics.Local.Threshold", "60");

        var page = await admin.GetDocumentAsync("/admin/settings");

        Assert.Empty(page.QuerySelectorAll("#threshold-figures .threshold-figure"));
        Assert.Contains("no measured figures at 60", page.QuerySelector("#threshold-figures-note")!.TextContent, StringComparison.Ordinal);
    }

    public void Dispose() => portal.Dispose();
}
