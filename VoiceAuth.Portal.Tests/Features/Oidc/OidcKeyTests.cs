using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceAuth.Portal.Features.Oidc;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Oidc;

/// <summary>The provider's keys: made once, kept in the database encrypted, the same after a restart, rotated with a successor.</summary>
public sealed class OidcKeyTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("voiceauth-oidc-keys-").FullName;

    private PortalFactory Portal(TimeSpan clockOffset = default)
    {
        var portal = new PortalFactory(directory) { KeepDirectory = true };
        portal.Settings["Oidc:KeyRotationDays"] = "10";
        var clock = new ShiftedClock { Offset = clockOffset };
        portal.TestServices.Add(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
        return portal;
    }

    private static async Task<string[]> KeyIdsAsync(PortalFactory portal)
    {
        var jwks = JsonDocument.Parse(await portal.CreateClient().GetStringAsync("/.well-known/jwks")).RootElement;
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).Order()];
    }

    [Fact]
    public async Task Keys_survive_a_restart_and_are_stored_encrypted()
    {
        string[] before;
        using (var first = Portal())
        {
            before = await KeyIdsAsync(first);
        }

        using var restarted = Portal();
        var after = await KeyIdsAsync(restarted);
        var stored = await restarted.WithDbAsync(db => db.Set<OidcKey>().AsNoTracking().ToListAsync());

        Assert.Single(before);
        Assert.Equal(before, after);
        Assert.Equal([OidcKey.Encryption, OidcKey.Signing], stored.Select(k => k.Use).Order());
        // What the database holds is not a certificate anyone could open: it needs the data-protection keys.
        Assert.All(stored, key => Assert.ThrowsAny<CryptographicException>(() =>
            X509CertificateLoader.LoadPkcs12(key.ProtectedCertificate, password: null)));
    }

    [Fact]
    public async Task An_old_key_gets_a_successor_while_it_stays_published()
    {
        string[] before;
        using (var first = Portal())
        {
            before = await KeyIdsAsync(first);
        }

        using var later = Portal(TimeSpan.FromDays(12));
        var after = await KeyIdsAsync(later);

        Assert.Equal(2, after.Length);
        Assert.Contains(before[0], after);
        Assert.Equal([1, 2], await later.WithDbAsync(db => db.Set<OidcKey>().Where(k => k.Use == OidcKey.Signing).Select(k => k.Generation).OrderBy(g => g).ToListAsync()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a background thread; the temp cleaner takes it
        }
    }
}
