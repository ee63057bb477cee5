using System.Globalization;
using System.Text;

namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>
/// A detection error trade-off (DET) plot as SVG: FNMR against FMR on normal-deviate axes (straight lines for
/// Gaussian scores), one curve per condition, a dot where the configured threshold operates. An operator reads off
/// the false-reject rate a target false-accept rate costs.
/// </summary>
internal static class DetPlot
{
    public sealed record Series(string Label, IReadOnlyList<double> Targets, IReadOnlyList<double> Nontargets, double Fmr, double Fnmr);

    private const double Size = 420, Margin = 60;
    private static readonly double[] Ticks = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4];
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
    private static readonly double Low = Probit(0.0005), High = Probit(0.5);

    public static string Render(string title, IReadOnlyList<Series> series)
    {
        var svg = new StringBuilder();
        var w = Size + 2 * Margin + 170;
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{Size + 2 * Margin}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Inv($"<rect width=\"{w}\" height=\"{Size + 2 * Margin}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{Margin}\" y=\"{Margin - 25}\" font-size=\"13\">{Escape(title)}</text>\n"));
        foreach (var t in Ticks)
        {
            var (x, y) = (X(t), Y(t));
            var label = (100 * t).ToString(t < 0.01 ? "0.#" : "0", CultureInfo.InvariantCulture) + "%";
            svg.Append(Inv($"<line x1=\"{x:F1}\" y1=\"{Margin}\" x2=\"{x:F1}\" y2=\"{Margin + Size}\" stroke=\"#ddd\"/>"));
            svg.Append(Inv($"<line x1=\"{Margin}\" y1=\"{y:F1}\" x2=\"{Margin + Size}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>"));
            svg.Append(Inv($"<text x=\"{x:F1}\" y=\"{Margin + Size + 15}\" text-anchor=\"middle\">{label}</text>"));
            svg.Append(Inv($"<text x=\"{Margin - 5}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{label}</text>\n"));
        }

        svg.Append(Inv($"<rect x=\"{Margin}\" y=\"{Margin}\" width=\"{Size}\" height=\"{Size}\" fill=\"none\" stroke=\"#333\"/>\n"));
        svg.Append(Inv($"<text x=\"{Margin + Size / 2}\" y=\"{Margin + Size + 35}\" text-anchor=\"middle\">false match rate (impostors accepted)</text>\n"));
        svg.Append(Inv($"<text transform=\"translate({Margin - 42},{Margin + Size / 2}) rotate(-90)\" text-anchor=\"middle\">false non-match rate (genuine refused)</text>\n"));
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var colour = Colours[i % Colours.Length];
            var points = Metrics.Sweep(s.Targets, s.Nontargets).Select(p => $"{X(p.FalseAlarm):F1},{Y(p.Miss):F1}").Distinct();
            svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\" points=\"{string.Join(' ', points)}\"/>\n"));
            if (!double.IsNaN(s.Fmr) && !double.IsNaN(s.Fnmr))
            {
                svg.Append(Inv($"<circle cx=\"{X(s.Fmr):F1}\" cy=\"{Y(s.Fnmr):F1}\" r=\"4\" fill=\"{colour}\"/>\n"));
            }

            var ly = Margin + 15 + 32 * i;
            svg.Append(Inv($"<line x1=\"{Margin + Size + 15}\" y1=\"{ly}\" x2=\"{Margin + Size + 35}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2\"/>"));
            svg.Append(Inv($"<text x=\"{Margin + Size + 40}\" y=\"{ly + 4}\">{Escape(s.Label)}</text>"));
            svg.Append(Inv($"<text x=\"{Margin + Size + 40}\" y=\"{ly + 17}\" fill=\"#555\">{s.Targets.Count} target, {s.Nontargets.Count} impostor trials</text>\n"));
        }

        var legendY = Margin + 15 + 32 * series.Count;
        svg.Append(Inv($"<circle cx=\"{Margin + Size + 25}\" cy=\"{legendY}\" r=\"4\" fill=\"#333\"/><text x=\"{Margin + Size + 40}\" y=\"{legendY + 4}\">default threshold</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static double X(double rate) => Margin + Size * (Clamp(Probit(Math.Max(rate, 1e-6))) - Low) / (High - Low);

    private static double Y(double rate) => Margin + Size - Size * (Clamp(Probit(Math.Max(rate, 1e-6))) - Low) / (High - Low);

    private static double Clamp(double z) => Math.Clamp(z, Low, High);

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double Probit(double p)
    {
        double[] a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239];
        double[] b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
        double[] c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
        double[] d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
        p = Math.Clamp(p, 1e-12, 1 - 1e-12);
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - 0.02425)
        {
            return -Probit(1 - p);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
