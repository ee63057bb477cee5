using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace VoiceAuth.Bench;

/// <summary>
/// Listens to the portal's own pipeline instruments during the measured run: the time a recording spends in each
/// step of scoring (claim, load, download, engine_wait, engine, commit, carrier_delete) and the time SQLite writes wait
/// for the process's write turn. Says where a recording's time goes when the delivered rate falls below the engine's.
/// </summary>
internal sealed class PipelineStages : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> samples = new();
    private volatile bool on;

    public PipelineStages()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "VoiceAuth.Portal" && instrument.Name is "voiceauth.recording.stage.duration" or "voiceauth.db.write_wait")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            if (!on)
            {
                return;
            }

            var name = instrument.Name == "voiceauth.db.write_wait" ? "db_write_wait" : "stage_unknown";
            foreach (var tag in tags)
            {
                if (tag.Key == "voiceauth.stage")
                {
                    name = "stage_" + tag.Value;
                }
            }

            samples.GetOrAdd(name, _ => []).Add(seconds * 1000);
        });
        listener.Start();
    }

    public void Start() => on = true;

    public void Stop() => on = false;

    /// <summary>p50 / p99 / count of each figure, for the JSON result.</summary>
    public Dictionary<string, object> Summary(TimeSpan elapsed)
    {
        var result = new Dictionary<string, object>();
        foreach (var (name, bag) in samples.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var values = bag.ToList();
            result[name + "_ms"] = $"{Percentiles.Of(values, 50):F1} / {Percentiles.Of(values, 99):F1} (n {values.Count}, {values.Count / elapsed.TotalSeconds:F1}/s)";
        }

        return result;
    }

    public void Dispose() => listener.Dispose();
}
