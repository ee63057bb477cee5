using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Admin;

/// <summary>Each admin action does what it says and writes exactly one audit entry under the admin's name.</summary>
public sealed class AdminActionsTests : IDisposable
{
    private static readonly AdminActor Boss = new("boss-id", "boss@example.com");
    private const string ShopKey = "shop-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private readonly PhoneFlowHarness portal = new();

    public AdminActionsTests()
    {
        portal.Settings["Api:Clients:0:Name"] = "shop";
        portal.Settings["Api:Clients:0:Key"] = ShopKey;
    }

    private AdminActions Actions => portal.Services.GetRequiredService<AdminActions>();

    private async Task<AuditEntry> OnlyEntryAsync() => Assert.Single(await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync()));

    [Fact]
    public async Task Unlocking_clears_the_lockout_and_the_failure_count_and_is_audited_once()
    {
        var user = await portal.CreateCallerAsync("unlock@example.com", enrolled: true);
        await portal.WithDbAsync(db => db.Voiceprints.ExecuteUpdateAsync(u => u
            .SetProperty(v => v.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(10)).SetProperty(v => v.ConsecutiveFailures, 3)));

        Assert.Null(await Actions.UnlockAsync(Boss, user, CancellationToken.None));

        var voiceprint = await portal.WithDbAsync(db => db.Voiceprints.SingleAsync());
        Assert.Equal((null, 0), (voiceprint.LockedUntil, voiceprint.ConsecutiveFailures));
        var entry = await OnlyEntryAsync();
        Assert.Equal((AuditKind.AdminUnlock, user, "unlock@example.com", "boss-id", "boss@example.com"),
            (entry.Kind, entry.SubjectUserId, entry.SubjectEmail, entry.ActorUserId, entry.ActorEmail));
    }

    [Fact]
    public async Task Resetting_the_voiceprint_deletes_it_and_writes_one_admin_entry()
    {
        var user = await portal.CreateVoiceGatedAsync("reset@example.com");

        Assert.Null(await Actions.ResetVoiceprintAsync(Boss, user, CancellationToken.None));

        Assert.False(await portal.WithDbAsync(db => db.Voiceprints.AnyAsync()));
        Assert.False(await portal.WithDbAsync(db => db.Users.Where(u => u.Id == user).Select(u => u.TwoFactorEnabled).SingleAsync()));
        var entry = await OnlyEntryAsync();
        Assert.Equal((AuditKind.AdminResetVoiceprint, user, "boss-id"), (entry.Kind, entry.SubjectUserId, entry.ActorUserId));
    }

    [Fact]
    public async Task Turning_the_voice_factor_off_is_audited_once()
    {
        var user = await portal.CreateVoiceGatedAsync("off@example.com");

        Assert.Null(await Actions.TurnVoiceFactorOffAsync(Boss, user, CancellationToken.None));

        Assert.False(await portal.WithDbAsync(db => db.Users.Where(u => u.Id == user).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Equal(AuditKind.AdminVoiceFactorOff, (await OnlyEntryAsync()).Kind);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_the_disabling_is_audited_once()
    {
        var user = await portal.CreateUserAsync("disabled@example.com");

        Assert.Null(await Actions.DisableAsync(Boss, user.Id, CancellationToken.None));

        var signIn = await portal.CreateBrowserClient().SignInAsync("disabled@example.com");
        Assert.DoesNotContain(".AspNetCore.Identity.Application=", string.Join(";", signIn.Headers.TryGetValues("Set-Cookie", out var c) ? c : []), StringComparison.Ordinal);
        var entries = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(AuditKind.AdminDisableAccount, Assert.Single(entries, e => e.Kind != AuditKind.SignInPassword).Kind);
        Assert.Equal("LockedOut", Assert.Single(entries, e => e.Kind == AuditKind.SignInPassword).Outcome);
    }

    [Fact]
    public async Task No_application_can_have_a_disabled_account_called()
    {
        var user = await portal.CreateCallerAsync("nocall@example.com", enrolled: true);
        await Actions.DisableAsync(Boss, user, CancellationToken.None);
        var api = portal.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ShopKey);

        var response = await api.PostAsJsonAsync("/api/v1/verifications", new { email = "nocall@example.com" });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(portal.Telephony.Placed);
    }

    [Fact]
    public async Task A_refused_action_changes_nothing_and_writes_nothing()
    {
        var user = await portal.CreateUserAsync("plain@example.com");

        Assert.NotNull(await Actions.UnlockAsync(Boss, user.Id, CancellationToken.None)); // no voiceprint to unlock

        Assert.False(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync()));
    }

    public void Dispose() => portal.Dispose();
}
