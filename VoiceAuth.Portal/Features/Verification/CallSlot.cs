using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// The one call a person may have under way, claimed in the same save that creates its session. Outbound calls
/// cost money, so two simultaneous "call me" requests (two tabs, two instances, a double click) must not both
/// place one: the row's key and its <see cref="Stamp"/> make the database pick a single winner, and the loser
/// retries and finds the winner's call. Checking for a live session first is not enough on its own — both
/// requests can look before either has written.
/// </summary>
public sealed class CallSlot
{
    public required string UserId { get; set; }

    /// <summary>The session that last claimed the slot (it holds the slot while it is live and unexpired).</summary>
    public Guid SessionId { get; set; }

    /// <summary>Changed on every claim; a claim made on a stale read fails instead of overwriting.</summary>
    public Guid Stamp { get; set; } = Guid.NewGuid();
}

internal sealed class CallSlotConfiguration : IEntityTypeConfiguration<CallSlot>
{
    public void Configure(EntityTypeBuilder<CallSlot> builder)
    {
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Stamp).IsConcurrencyToken();
        // No foreign key to the session: sessions already cascade from the user, and SQL Server refuses two cascade paths.
        builder.HasOne<Data.ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
