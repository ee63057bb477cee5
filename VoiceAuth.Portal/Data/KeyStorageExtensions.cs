using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Configuration;

namespace VoiceAuth.Portal.Data;

/// <summary>Section <c>DataProtection</c>: where the keys live and what encrypts them at rest.</summary>
public sealed class KeyStorageOptions
{
    public const string Section = "DataProtection";

    /// <summary>Folder of the key ring (default <c>App_Data/keys</c>, relative to the app).</summary>
    public string KeysPath { get; set; } = "App_Data/keys";

    /// <summary>
    /// A PKCS#12 (.pfx) file whose certificate encrypts the keys at rest. Without it the key files are plain XML:
    /// anyone who copies them together with the database can read every voiceprint.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password (user-secrets or environment, not a committed file).</summary>
    public string? CertificatePassword { get; set; }
}

internal sealed class KeyStorageOptionsValidator(string contentRoot) : IValidateOptions<KeyStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return ValidateOptionsResult.Success;
        }

        var path = Path.GetFullPath(options.CertificatePath, contentRoot);
        if (!File.Exists(path))
        {
            return ValidateOptionsResult.Fail($"DataProtection:CertificatePath: no file at '{path}'.");
        }

        try
        {
            using var certificate = KeyStorageExtensions.Load(path, options.CertificatePassword);
            return certificate.HasPrivateKey
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("DataProtection:CertificatePath: the certificate has no private key, so the keys could not be read back.");
        }
        catch (CryptographicException e)
        {
            return ValidateOptionsResult.Fail($"DataProtection:CertificatePath: the file could not be opened ({e.Message.TrimEnd('.')}); check DataProtection:CertificatePassword.");
        }
    }
}

internal static class KeyStorageExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection keys (they sign cookies and encrypt voiceprints at rest) persisted under
    /// <c>DataProtection:KeysPath</c> — default <c>App_Data/keys</c> beside the SQLite file — so a restart keeps
    /// everyone signed in and every stored voiceprint readable. Back this folder up with the database. With
    /// <c>DataProtection:CertificatePath</c> the keys themselves are encrypted with that certificate.
    /// </summary>
    public static WebApplicationBuilder AddKeyStorage(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions(KeyStorageOptions.Section, new KeyStorageOptionsValidator(builder.Environment.ContentRootPath));
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(options.KeysPath) ? "App_Data/keys" : options.KeysPath, builder.Environment.ContentRootPath);
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("VoiceAuth")
            .PersistKeysToFileSystem(Directory.CreateDirectory(path));
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(Load(Path.GetFullPath(options.CertificatePath, builder.Environment.ContentRootPath), options.CertificatePassword));
        }

        return builder;
    }

    internal static X509Certificate2 Load(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
}
