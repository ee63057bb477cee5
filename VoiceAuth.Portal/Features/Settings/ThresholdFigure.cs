namespace VoiceAuth.Portal.Features.Settings;

/// <summary>Measured error rates at one threshold, for one protocol (rates as fractions).</summary>
/// <param name="Source">Where the figure comes from, in words (an import by whom and when, or the shipped benchmark).</param>
public sealed record ThresholdFigure(int Threshold, string Protocol, double? Fmr, double? Fnmr, string Source);
