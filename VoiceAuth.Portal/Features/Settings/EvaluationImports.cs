using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// The operator's own measurements: the JSON that <c>eval --json</c> (one protocol) or <c>eval-lso --json</c> (one
/// entry per trial list) prints, imported on the settings page and shown beside the threshold.
/// </summary>
public sealed class EvaluationImports(IDbContextFactory<AppDbContext> dbFactory, IAuditLog audit, TimeProvider clock)
{
    public const int MaxJsonLength = 64 * 1024;
    private const int MaxProtocols = 20;

    /// <summary>Stores the run's figures; returns why not, or an empty list when imported.</summary>
    /// <param name="threshold">The threshold the run used, for output without a <c>threshold</c> field (older builds).</param>
    public async Task<IReadOnlyList<string>> ImportAsync(SettingActor actor, string json, string? label, int? threshold, CancellationToken cancellationToken = default)
    {
        var (rows, error) = Parse(json, string.IsNullOrWhiteSpace(label) ? "eval" : label.Trim(), threshold);
        if (error is not null)
        {
            return [error];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            (row.ImportedAt, row.ImportedByEmail) = (now, actor.Email);
            db.Add(row);
        }

        audit.Add(db, new AuditEvent(AuditKind.SettingsChanged, null, "Succeeded")
        {
            ActorUserId = actor.UserId,
            ActorEmail = actor.Email,
            Detail = $"Imported evaluation: {rows.Count} protocol(s) at threshold {string.Join(", ", rows.Select(r => r.Threshold).Distinct())}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>The figures at <paramref name="threshold"/>: from the last import if it measured there, else the shipped benchmark's.</summary>
    public async Task<ThresholdFigures> AtAsync(int threshold, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var last = await db.Set<EngineEvaluation>().AsNoTracking().OrderByDescending(e => e.ImportedAt).Select(e => e.ImportedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var imported = last == default
            ? []
            : await db.Set<EngineEvaluation>().AsNoTracking().Where(e => e.ImportedAt == last).OrderBy(e => e.Id).ToListAsync(cancellationToken);

        var here = imported.Where(e => e.Threshold == threshold).ToList();
        if (here.Count > 0)
        {
            var source = $"your evaluation, imported by {here[0].ImportedByEmail ?? "an administrator"} on {last:yyyy-MM-dd HH:mm} UTC";
            return new(threshold, here.Select(e => new ThresholdFigure(threshold, e.Protocol, e.Fmr, e.Fnmr, source)).ToList(), $"Measured by {source}.");
        }

        var shipped = ThresholdFigures.Benchmark.Figures.Where(f => f.Threshold == threshold)
            .Select(f => new ThresholdFigure(threshold, f.Protocol, f.Fmr, f.Fnmr, "the shipped benchmark")).ToList();
        var importNote = imported.Count == 0
            ? "No evaluation imported yet."
            : $"The last imported evaluation measured threshold {string.Join(", ", imported.Select(e => e.Threshold).Distinct())}, not {threshold}.";
        var shippedNote = shipped.Count > 0
            ? $"Shown: the shipped benchmark ({ThresholdFigures.Benchmark.Source})"
            : $"The shipped benchmark measured threshold {string.Join(", ", ThresholdFigures.Benchmark.Figures.Select(f => f.Threshold).Distinct())} only: no measured figures at {threshold}. Run eval --threshold {threshold} --json on your recordings and import the result.";
        return new(threshold, shipped, $"{importNote} {shippedNote}");
    }

    private static (List<EngineEvaluation> Rows, string? Error) Parse(string json, string label, int? threshold)
    {
        if (json.Length > MaxJsonLength)
        {
            return ([], $"The evaluation output is limited to {MaxJsonLength / 1024} KB.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return ([], "That is not JSON. Paste what eval --json or eval-lso --json printed.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ([], "Expected a JSON object, as eval --json prints.");
            }

            // eval prints one report; eval-lso prints one per trial list, keyed by the list.
            var reports = IsReport(root)
                ? [(label, root)]
                : root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && IsReport(p.Value)).Select(p => (p.Name, p.Value)).ToList();
            if (reports.Count == 0)
            {
                return ([], "No fmr / fnmr figures found. Paste what eval --json or eval-lso --json printed.");
            }

            if (reports.Count > MaxProtocols)
            {
                return ([], $"At most {MaxProtocols} protocols per import.");
            }

            var rows = new List<EngineEvaluation>();
            foreach (var (name, report) in reports)
            {
                var at = Int(report, "threshold") ?? threshold;
                if (at is not (>= 0 and <= 100))
                {
                    return ([], "The output does not say which threshold it was measured at (older builds): enter the --threshold the run used (default 50).");
                }

                var (fmr, fnmr, eer) = (Rate(report, "fmr"), Rate(report, "fnmr"), Rate(report, "eer"));
                if (fmr is double.NaN || fnmr is double.NaN || eer is double.NaN)
                {
                    return ([], $"{name}: rates must be fractions between 0 and 1.");
                }

                rows.Add(new EngineEvaluation
                {
                    Threshold = at.Value,
                    Protocol = name.Length > 100 ? name[..100] : name,
                    Fmr = fmr,
                    Fnmr = fnmr,
                    Eer = eer,
                    Trials = Int(report, "trials"),
                });
            }

            return (rows, null);
        }
    }

    private static bool IsReport(JsonElement e) => e.TryGetProperty("fmr", out _) || e.TryGetProperty("fnmr", out _);

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    /// <summary>A fraction, null when absent or null (eval writes null for "no such trials"), NaN when out of range.</summary>
    private static double? Rate(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d is >= 0 and <= 1 ? d : double.NaN;
    }

    /// <summary>For display: a rate as a percentage.</summary>
    public static string Percent(double? rate) => rate is { } r ? (100 * r).ToString("0.##", CultureInfo.InvariantCulture) + " %" : "n/a";
}
