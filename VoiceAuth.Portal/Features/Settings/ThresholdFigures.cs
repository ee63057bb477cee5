using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>What the settings page shows beside the threshold.</summary>
/// <param name="Figures">Measured at the threshold asked about; empty when neither the last import nor the shipped benchmark measured it.</param>
/// <param name="Note">Which source was used and why, in words.</param>
public sealed record ThresholdFigures(int Threshold, IReadOnlyList<ThresholdFigure> Figures, string Note)
{
    /// <summary>
    /// The shipped benchmark's figures (<c>Resources/shipped-figures.json</c>, copied from docs/benchmarks.md, which
    /// says how they were measured).
    /// </summary>
    public static readonly Shipped Benchmark = LoadShipped();

    public sealed record Shipped(string Source, IReadOnlyList<ShippedRow> Figures);

    public sealed record ShippedRow(
        [property: JsonPropertyName("threshold")] int Threshold,
        [property: JsonPropertyName("protocol")] string Protocol,
        [property: JsonPropertyName("fmr")] double? Fmr,
        [property: JsonPropertyName("fnmr")] double? Fnmr);

    private sealed record ShippedFile(
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("figures")] List<ShippedRow> Figures);

    private static Shipped LoadShipped()
    {
        using var stream = typeof(ThresholdFigures).Assembly.GetManifestResourceStream("VoiceAuth.Portal.Settings.shipped-figures.json")
            ?? throw new InvalidOperationException("The shipped benchmark figures are missing from the build.");
        var file = JsonSerializer.Deserialize<ShippedFile>(stream) ?? throw new InvalidOperationException("The shipped benchmark figures are unreadable.");
        return new(file.Source, file.Figures);
    }
}
