using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Tests.Infrastructure;
using VoiceAuth.Portal.Tests.Telephony.Calls;
using VoiceAuth.Portal.Tests.Telephony.Emulator;

namespace VoiceAuth.Portal.Tests.Telemetry;

public sealed partial class OtlpExportTests
{
    [Fact]
    public async Task One_emulated_verification_reaches_an_OTLP_collector_as_one_trace_with_its_metrics_and_logs()
    {
        await using var collector = OtlpCollector.Start();
        var engine = new ScriptedEngine();
        Guid sessionId;
        string phone;
        string authToken;
        using (var portal = new EmulatedPortal())
        {
            portal.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint;
            portal.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            portal.Settings["OTEL_METRIC_EXPORT_INTERVAL"] = "500"; // the gauges are read while the portal runs
            // The portal's tracer and logger hear the whole test process (static sources, ASP.NET Core's listener): with
            // the default queue (2048, exported every 5 s) the other tests' requests filled it and this call's spans
            // were dropped. A queue that cannot fill, emptied often.
            foreach (var queue in new[] { "OTEL_BSP", "OTEL_BLRP" })
            {
                portal.Settings[$"{queue}_MAX_QUEUE_SIZE"] = "1000000";
                portal.Settings[$"{queue}_SCHEDULE_DELAY"] = "200";
            }

            portal.TestServices.Add(services =>
            {
                services.RemoveAll<IVoiceBiometrics>();
                services.AddSingleton<IVoiceBiometrics>(engine);
            });
            portal.Started();
            authToken = portal.Emulator.AuthToken;
            var caller = new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(TestAudio.Tone(2.5, 8000, leadingSilence: 0.3));
            string user;
            (user, phone) = await portal.CreateCallerAsync("traced@example.com", caller);
            await EnrollAsync(portal, user, engine);

            using var carrierDeletes = new StageListener("carrier_delete");
            var (session, placed) = await portal.CallAsync(user, SessionPurpose.Verify);

            Assert.Equal(SessionState.Passed, session.State);
            sessionId = session.Id;
            // The pass is committed before the recording is deleted at the carrier, the pipeline's last step: wait for
            // that step's measurement, or stopping the host can come first and the step never reaches the collector.
            await PhoneFlowWait.UntilAsync(() => placed.RecordingSids.All(sid => portal.Emulator.Recordings.Find(sid)?.IsDeleted != false)
                                                 && carrierDeletes.Seen > 0);
        } // stopping the host flushes every signal to the collector

        var trace = sessionId.ToString("N");
        var spans = collector.Bodies("/v1/traces").SelectMany(Otlp.Spans).ToList();
        var call = spans.Where(s => s.TraceId == trace).ToList();
        var names = call.Select(s => s.Name).ToHashSet();
        foreach (var expected in new[]
                 {
                     "voiceauth.call.place", "twilio.create_call", "twilio.webhook answer", "twilio.webhook consent",
                     "twilio.webhook recorded", "twilio.webhook status", "voiceauth.recording.score", "twilio.recording.download",
                     "voiceauth.session.push",
                 })
        {
            Assert.True(names.Contains(expected), $"No '{expected}' span in the session's trace; it has: {string.Join(", ", names.Order())}");
        }

        Assert.All(call.Where(s => s.Name.StartsWith("voiceauth.", StringComparison.Ordinal)),
            s => Assert.Equal(sessionId.ToString(), s.Attributes["voiceauth.session.id"]));
        // Each webhook's own HTTP request span is a separate trace, linked from the session's webhook span and tagged.
        var answer = call.First(s => s.Name == "twilio.webhook answer");
        var request = Assert.Single(spans, s => s.TraceId == Assert.Single(answer.LinkedTraceIds) && s.ParentSpanId == "" && s.Attributes.ContainsKey("url.path"));
        Assert.Equal(sessionId.ToString(), request.Attributes["voiceauth.session.id"]);

        var points = collector.Bodies("/v1/metrics").SelectMany(Otlp.Points).ToList();
        Assert.Contains(points, p => p.Metric == "voiceauth.calls.placed" && p.Attributes["voiceauth.result"] == "placed" && p.Value >= 1);
        Assert.Contains(points, p => p.Metric == "voiceauth.decisions" && p.Attributes["voiceauth.decision"] == "Accepted" && p.Value >= 1);
        Assert.Contains(points, p => p.Metric == "voiceauth.sessions.ended" && p.Attributes["voiceauth.state"] == "Passed"
                                     && p.Attributes["voiceauth.purpose"] == "Verify" && p.Value >= 1);
        Assert.Contains(points, p => p.Metric == "voiceauth.scoring.duration" && p.Value >= 1);
        Assert.Contains(points, p => p.Metric == "voiceauth.webhook.duration" && p.Attributes["voiceauth.webhook"] == "recorded" && p.Value >= 1);
        // Where the recording's time went: each step of the scoring pipeline, and SQLite's write-turn waits.
        foreach (var stage in new[] { "claim", "load", "download", "engine_wait", "engine", "commit", "carrier_delete" })
        {
            Assert.Contains(points, p => p.Metric == "voiceauth.recording.stage.duration" && p.Attributes["voiceauth.stage"] == stage && p.Value >= 1);
        }

        Assert.Contains(points, p => p.Metric == "voiceauth.db.write_wait" && p.Value >= 1);
        Assert.Contains(points, p => p.Metric == "voiceauth.calls.live");
        Assert.Contains(points, p => p.Metric == "voiceauth.recordings.queued");

        // Logs written while scoring carry the session's trace id.
        var logs = collector.Bodies("/v1/logs").SelectMany(Otlp.Logs).ToList();
        Assert.Contains(logs, l => l.TraceId == trace && l.Body.StartsWith("Scored a Verify recording", StringComparison.Ordinal));
        // At the shipped levels the logs say what happened to the call, not every HTTP request the portal made.
        Assert.Contains(logs, l => l.Body == $"Session {sessionId} (Verify) ended: Passed (Ok).");
        Assert.DoesNotContain(logs, l => l.Body.Contains("HTTP request", StringComparison.Ordinal));

        // Nothing exported holds the phone number, the carrier's token or a recording's id (its address).
        foreach (var (path, body) in collector.Received)
        {
            var text = Encoding.UTF8.GetString(body);
            Assert.DoesNotContain(phone[2..], text, StringComparison.Ordinal);
            Assert.DoesNotContain(authToken, text, StringComparison.Ordinal);
            Assert.False(RecordingSid().IsMatch(text), $"A recording id in {path}: {string.Join("\n", path == "/v1/logs" ? Otlp.Logs(body).Where(l => RecordingSid().IsMatch(l.Body)).Select(l => l.Body) : [])}");
        }
    }

    /// <summary>Counts measurements of one step of the scoring pipeline (any portal in this process: the meter is static).</summary>
    private sealed class StageListener : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener listener = new();
        private int seen;

        public StageListener(string stage)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == VoiceAuth.Portal.Telemetry.VoiceAuthTelemetry.Name && instrument.Name == VoiceAuth.Portal.Telemetry.VoiceAuthTelemetry.StageDurationName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "voiceauth.stage" && Equals(tag.Value, stage))
                    {
                        Interlocked.Increment(ref seen);
                    }
                }
            });
            listener.Start();
        }

        public int Seen => Volatile.Read(ref seen);

        public void Dispose() => listener.Dispose();
    }

    private static async Task EnrollAsync(EmulatedPortal portal, string userId, ScriptedEngine engine)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VoiceAuth.Portal.Data.AppDbContext>();
        var voiceprint = new Voiceprint { UserId = userId, Engine = engine.Engine };
        scope.ServiceProvider.GetRequiredService<VoiceprintStore>().Protect(voiceprint, new VoiceprintState(engine.Engine, [1, 2, 3], 3, true));
        db.Voiceprints.Add(voiceprint);
        await db.SaveChangesAsync();
    }

    [GeneratedRegex("RE[0-9a-fA-F]{32}")]
    private static partial Regex RecordingSid();
}
