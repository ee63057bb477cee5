using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>
/// The provider's signing and encryption certificates: loaded from the database, the first ones made on first use,
/// and a successor made when the newest is older than <see cref="OidcOptions.KeyRotationDays"/>. Every key still
/// valid is handed to OpenIddict, which signs with the newest and publishes all of them, so tokens signed before a
/// rotation still validate. Rotation happens when an instance starts.
/// </summary>
internal sealed partial class OidcKeyRing(
    IDbContextFactory<AppDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    IOptions<OidcOptions> options,
    TimeProvider clock,
    ILogger<OidcKeyRing> logger)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("VoiceAuth.Oidc.Keys.v1");

    public async Task<IReadOnlyList<X509Certificate2>> LoadAsync(string use, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var keys = await db.Set<OidcKey>().AsNoTracking().Where(k => k.Use == use).OrderByDescending(k => k.Generation).ToListAsync(cancellationToken);
            var rotateAfter = TimeSpan.FromDays(options.Value.KeyRotationDays);
            if (keys.Count > 0 && now - keys[0].CreatedAt < rotateAfter)
            {
                return [.. keys.Where(k => k.NotAfter > now).Select(Unprotect)];
            }

            // Valid for two rotation periods: the successor takes over half-way, the old key stays published until then.
            using var certificate = Create(use, now, now + 2 * rotateAfter);
            db.Set<OidcKey>().Add(new OidcKey
            {
                Use = use,
                Generation = keys.Count == 0 ? 1 : keys[0].Generation + 1,
                CreatedAt = now,
                NotAfter = now + 2 * rotateAfter,
                ProtectedCertificate = protector.Protect(certificate.Export(X509ContentType.Pkcs12)),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogCreated(use, keys.Count + 1);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another instance added this generation first: use theirs.
            }
        }
    }

    private X509Certificate2 Unprotect(OidcKey key) =>
        X509CertificateLoader.LoadPkcs12(protector.Unprotect(key.ProtectedCertificate), password: null, X509KeyStorageFlags.EphemeralKeySet);

    private static X509Certificate2 Create(string use, DateTimeOffset now, DateTimeOffset notAfter)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=VoiceAuth OpenID Connect {(use == OidcKey.Signing ? "signing" : "encryption")}",
            rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            use == OidcKey.Signing ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyEncipherment, critical: true));
        // A minute back: instances whose clocks differ slightly still consider a fresh key valid.
        return request.CreateSelfSigned(now.AddMinutes(-1), notAfter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created OpenID Connect key '{Use}' generation {Generation}.")]
    private partial void LogCreated(string use, int generation);
}
