using System.Collections.Concurrent;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Api;

/// <summary>
/// The audit entries of refused API starts (<see cref="AuditKind.ApiStart"/>, outcome Refused, the reason in the
/// detail for the administrator — never in the answer, which merges "no account", "not confirmed" and "not enrolled").
/// A refusal commits nothing of its own, so its entry is written on its own.
/// </summary>
/// <remarks>
/// Bounded: at most one entry per client, reason and minute. A client hammering the API (a 429 loop needs no
/// budget) would otherwise write a row per request for the whole retention period; the sweeper alone bounds the
/// age of rows, not their number. The refusals folded into a minute are counted in the next entry of that client
/// and reason ("N more … not itemised"), and only the first of a minute names the person asked about. The count
/// lives in memory: refusals folded in just before a restart, with no later refusal to carry them, go unrecorded.
/// </remarks>
internal sealed class ApiStartRefusals(IAuditLog audit, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Client, string Reason), Tally> tallies = new();

    /// <summary>Records (or counts) one refused start of <paramref name="client"/>; <paramref name="subject"/> when the account is known.</summary>
    public Task RecordAsync(string client, string reason, ApplicationUser? subject)
    {
        var now = clock.GetUtcNow();
        var tally = tallies.GetOrAdd((client, reason), _ => new Tally());
        int folded;
        DateTimeOffset? since;
        lock (tally)
        {
            if (tally.WrittenAt is { } at && now - at < Window)
            {
                tally.Folded++;
                return Task.CompletedTask;
            }

            (folded, since) = (tally.Folded, tally.WrittenAt);
            (tally.WrittenAt, tally.Folded) = (now, 0);
        }

        var detail = folded == 0 ? reason
            : $"{reason}; {folded} more since {since:yyyy-MM-dd HH:mm:ss}Z not itemised";
        return audit.RecordAsync(new AuditEvent(AuditKind.ApiStart, subject?.Id, "Refused")
            { SubjectEmail = subject?.Email, Application = client, Detail = detail }, CancellationToken.None);
    }

    private sealed class Tally
    {
        public DateTimeOffset? WrittenAt { get; set; }

        public int Folded { get; set; }
    }
}
