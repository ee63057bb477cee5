using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// One protocol's figures from an <c>eval</c> / <c>eval-lso --json</c> run an operator imported: the error rates
/// measured at one threshold, shown beside the threshold setting (see <see cref="ThresholdFigures"/>).
/// </summary>
public sealed class EngineEvaluation
{
    public long Id { get; set; }

    /// <summary>The threshold the run decided at (0–100).</summary>
    public int Threshold { get; set; }

    /// <summary>What was measured: the trial list (eval-lso) or the operator's label.</summary>
    public required string Protocol { get; set; }

    /// <summary>False-match rate at <see cref="Threshold"/> (fraction), null when the run had no impostor trials.</summary>
    public double? Fmr { get; set; }

    /// <summary>False-non-match rate at <see cref="Threshold"/> (fraction), null when the run had no genuine trials.</summary>
    public double? Fnmr { get; set; }

    public double? Eer { get; set; }

    public int? Trials { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public string? ImportedByEmail { get; set; }
}

internal sealed class EngineEvaluationConfiguration : IEntityTypeConfiguration<EngineEvaluation>
{
    public void Configure(EntityTypeBuilder<EngineEvaluation> builder)
    {
        builder.ToTable("EngineEvaluations");
        builder.Property(e => e.Protocol).HasMaxLength(100);
        builder.Property(e => e.ImportedByEmail).HasMaxLength(256);
        builder.HasIndex(e => e.ImportedAt);
    }
}
