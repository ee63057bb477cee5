using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceAuth.Portal.Biometrics;

namespace VoiceAuth.Portal.Features.Verification;

public enum RecordingStatus
{
    /// <summary>Reported by Twilio; waiting to be downloaded and scored.</summary>
    Pending,
    /// <summary>Scored; the result is applied to the session and voiceprint.</summary>
    Scored,
    /// <summary>Could not be fetched or scored after retries; the session was told.</summary>
    Failed,
}

/// <summary>
/// A recording Twilio made in a call: a durable work item so that a restart between "Twilio reported it" and
/// "the engine scored it" loses nothing. Holds the address, never the audio.
/// </summary>
public sealed class CallRecording
{
    public long Id { get; set; }

    public Guid SessionId { get; set; }

    public int Step { get; set; }

    public required string RecordingSid { get; set; }

    public required string RecordingUrl { get; set; }

    public RecordingStatus Status { get; set; } = RecordingStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Deleted at Twilio (voice data must not linger at the carrier).</summary>
    public bool DeletedAtCarrier { get; set; }

    public BiometricDecision? Decision { get; set; }

    public ReasonCode? Reason { get; set; }

    public int? Score { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public int Version { get; set; }
}

internal sealed class CallRecordingConfiguration : IEntityTypeConfiguration<CallRecording>
{
    public void Configure(EntityTypeBuilder<CallRecording> builder)
    {
        // A repeated Record action from Twilio maps onto the same row: duplicates are harmless.
        builder.HasIndex(r => r.RecordingSid).IsUnique();
        builder.HasIndex(r => new { r.Status, r.NextAttemptAt });
        builder.Property(r => r.RecordingSid).HasMaxLength(64);
        builder.Property(r => r.RecordingUrl).HasMaxLength(512);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<VerificationSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
