using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Telemetry;

/// <summary>
/// Live calls and recordings waiting to be scored, read from the database when a metrics exporter collects (not
/// otherwise: with no exporter nothing is queried). They count every instance's work: with several instances,
/// alert on the maximum reported, not the sum.
/// </summary>
internal sealed class QueueGauges(IDbContextFactory<AppDbContext> dbFactory, IMeterFactory meters, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meters.Create(VoiceAuthTelemetry.Name);
        meter.CreateObservableGauge("voiceauth.calls.live", () => Count(db =>
        {
            var now = clock.GetUtcNow();
            return db.Sessions.Count(s => SessionStates.Live.Contains(s.State) && s.ExpiresAt > now);
        }), "{call}", "Sessions with a call under way (all instances).");
        meter.CreateObservableGauge("voiceauth.recordings.queued", () => Count(db =>
        {
            var now = clock.GetUtcNow();
            return db.Recordings.Count(r => r.Status == RecordingStatus.Pending && r.NextAttemptAt <= now);
        }), "{recording}", "Recordings waiting for a scoring slot (all instances).");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<int>> Count(Func<AppDbContext, int> query)
    {
        try
        {
            using var db = dbFactory.CreateDbContext();
            return [new(query(db))];
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or System.Data.Common.DbException)
        {
            return []; // no figure beats a wrong one; the database's health check says why
        }
    }
}
