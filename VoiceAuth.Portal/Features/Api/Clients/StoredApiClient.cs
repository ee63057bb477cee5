using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoiceAuth.Portal.Features.Api.Clients;

/// <summary>
/// An API client created in the admin console (configured ones live in <c>Api:Clients</c>). Never deleted:
/// a revoked client keeps its row, so its name — which its sessions carry — can never be given to another one.
/// During a rotation's grace period the previous key still works until <see cref="PreviousKeyExpiresAt"/>.
/// </summary>
public sealed class StoredApiClient
{
    public int Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Upper-case name, unique: "Shop" and "shop" would otherwise share sessions.</summary>
    public required string NormalizedName { get; init; }

    public required string KeyId { get; set; }

    public required byte[] KeyHash { get; set; }

    public string? PreviousKeyId { get; set; }

    public byte[]? PreviousKeyHash { get; set; }

    public DateTimeOffset? PreviousKeyExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? RotatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    /// <summary>Concurrency token: two administrators rotating at once cannot both win.</summary>
    public int Version { get; set; }
}

internal sealed class StoredApiClientConfiguration : IEntityTypeConfiguration<StoredApiClient>
{
    public void Configure(EntityTypeBuilder<StoredApiClient> builder)
    {
        builder.ToTable("ApiClients");
        builder.Property(c => c.Name).HasMaxLength(64);
        builder.Property(c => c.NormalizedName).HasMaxLength(64);
        builder.Property(c => c.KeyId).HasMaxLength(16);
        builder.Property(c => c.KeyHash).HasMaxLength(32);
        builder.Property(c => c.PreviousKeyId).HasMaxLength(16);
        builder.Property(c => c.PreviousKeyHash).HasMaxLength(32);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.RevokedBy).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.NormalizedName).IsUnique();
        // Every API request finds its client by key id: current or, during a grace period, previous.
        builder.HasIndex(c => c.KeyId).IsUnique();
        builder.HasIndex(c => c.PreviousKeyId);
    }
}
