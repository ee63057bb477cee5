using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Settings;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Settings;

/// <summary>Two portals on one database, as behind a load balancer: a change made on one reaches the other.</summary>
public sealed class SettingsAcrossInstancesTests : IDisposable
{
    private const string Key = "Verification:LockoutFailures";
    private readonly PortalFactory a = Instance(null);
    private readonly List<PortalFactory> others = [];

    private static PortalFactory Instance(string? directory)
    {
        var portal = new PortalFactory(directory) { KeepDirectory = directory is null };
        portal.Settings["Settings:RefreshSeconds"] = "1";
        return portal;
    }

    private PortalFactory Another()
    {
        var portal = Instance(a.Directory);
        others.Add(portal);
        return portal;
    }

    private static int LockoutFailures(PortalFactory portal) =>
        portal.Services.GetRequiredService<IOptionsMonitor<VerificationOptions>>().CurrentValue.LockoutFailures;

    [Fact]
    public async Task A_change_made_on_one_instance_is_in_force_on_another_within_the_refresh_interval_and_after_a_restart()
    {
        var admin = await a.CreateUserAsync("boss@example.com", roles: [Roles.Admin]);
        var b = Another();
        Assert.Equal(5, LockoutFailures(b));

        var errors = await a.Services.GetRequiredService<PortalSettings>().ChangeAsync(new SettingActor(admin.Id, admin.Email), Key, "3", confirmed: false);

        Assert.Empty(errors);
        Assert.Equal(3, LockoutFailures(a)); // this instance: at once
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (LockoutFailures(b) != 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(3, LockoutFailures(b));
        Assert.Equal(3, LockoutFailures(Another())); // an instance started later reads it before anything uses it
        Assert.Equal(1, await a.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == AuditKind.SettingsChanged)));
    }

    public void Dispose()
    {
        others.ForEach(o => o.Dispose());
        a.KeepDirectory = false;
        a.Dispose();
    }
}
