using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Data;

/// <summary>The keys that encrypt voiceprints are themselves encrypted at rest when a certificate is configured.</summary>
public sealed class KeyStorageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("voiceauth-cert-").FullName;

    private string MakeCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=voiceauth-keys-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    [Fact]
    public void With_a_certificate_the_key_files_hold_no_readable_key_and_a_restart_still_reads_them()
    {
        var pfx = MakeCertificate("pfx-password");
        string protectedPayload;
        string directory;
        using (var first = new PortalFactory { KeepDirectory = true })
        {
            first.Settings["DataProtection:CertificatePath"] = pfx;
            first.Settings["DataProtection:CertificatePassword"] = "pfx-password";
            directory = first.Directory;
            protectedPayload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a voiceprint");
        }

        var keyFiles = Directory.GetFiles(Path.Combine(directory, "keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        Assert.All(keyFiles, f =>
        {
            var xml = File.ReadAllText(f);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        using var restarted = new PortalFactory(directory);
        restarted.Settings["DataProtection:CertificatePath"] = pfx;
        restarted.Settings["DataProtection:CertificatePassword"] = "pfx-password";
        Assert.Equal("a voiceprint", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedPayload));
    }

    [Theory]
    [InlineData(true, "wrong-password")]
    [InlineData(false, "pfx-password")]
    public void A_certificate_that_cannot_be_opened_stops_start_up_naming_the_key(bool exists, string password)
    {
        var pfx = exists ? MakeCertificate("pfx-password") : Path.Combine(folder, "missing.pfx");
        using var factory = new PortalFactory();
        factory.Settings["DataProtection:CertificatePath"] = pfx;
        factory.Settings["DataProtection:CertificatePassword"] = password;

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("DataProtection:CertificatePath", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
