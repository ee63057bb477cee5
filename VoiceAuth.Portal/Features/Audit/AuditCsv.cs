using System.Globalization;
using System.Text;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>Audit entries as CSV lines, safe to open in a spreadsheet.</summary>
public static class AuditCsv
{
    public const string Header = "at,kind,outcome,actor_email,actor_id,subject_email,subject_id,score_band,ip,application,detail";

    public static string Line(AuditEntry e) => string.Join(',',
        Cell(e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), Cell(e.Kind.ToString()), Cell(e.Outcome),
        Cell(e.ActorEmail), Cell(e.ActorUserId), Cell(e.SubjectEmail), Cell(e.SubjectUserId), Cell(e.ScoreBand),
        Cell(e.Ip), Cell(e.Application), Cell(e.Detail));

    /// <summary>
    /// Quotes the value, and neutralises formula injection: a cell starting with = + - @ (or tab / carriage return)
    /// would run as a formula in a spreadsheet, so it gets a leading apostrophe.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return new StringBuilder(text.Length + 2).Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
