using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>
/// A signing or encryption certificate of the OpenID Connect provider, kept in the database so that every instance
/// signs with the same keys and publishes the same JWKS. The PKCS#12 bytes are encrypted with the portal's data
/// protection, like voiceprints: a copy of the database alone reveals no private key.
/// </summary>
public sealed class OidcKey
{
    public const string Signing = "sig";

    public const string Encryption = "enc";

    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary><see cref="Signing"/> or <see cref="Encryption"/>.</summary>
    public required string Use { get; set; }

    /// <summary>1, 2, 3 … per use; unique, so two instances starting together cannot both add the next key.</summary>
    public int Generation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NotAfter { get; set; }

    public required byte[] ProtectedCertificate { get; set; }
}

internal sealed class OidcKeyConfiguration : IEntityTypeConfiguration<OidcKey>
{
    public void Configure(EntityTypeBuilder<OidcKey> builder)
    {
        builder.ToTable("OidcKeys");
        builder.Property(k => k.Use).HasMaxLength(8);
        builder.HasIndex(k => new { k.Use, k.Generation }).IsUnique();
    }
}
