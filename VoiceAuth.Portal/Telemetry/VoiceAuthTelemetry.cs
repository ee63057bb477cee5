using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VoiceAuth.Portal.Telemetry;

/// <summary>
/// The portal's own spans and instruments, one line at each point of a call (see docs/deployment.md for the
/// list). Static, like the runtime's own sources, so that the verification code needs no extra constructor
/// parameters; the OpenTelemetry SDK (see <see cref="TelemetryExtensions"/>) listens by <see cref="Name"/>.
/// Nothing here takes a phone number, audio, a token or a recording address.
/// </summary>
internal static class VoiceAuthTelemetry
{
    public const string Name = "VoiceAuth.Portal";
    public const string SessionTag = "voiceauth.session.id";
    public const string ScoringDurationName = "voiceauth.scoring.duration";
    public const string StageDurationName = "voiceauth.recording.stage.duration";
    public const string WriteWaitName = "voiceauth.db.write_wait";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("voiceauth.verification.requests", "{request}",
        "Calls asked for, by purpose and result (started, or the reason it was refused).");
    private static readonly Counter<long> Placed = Meter.CreateCounter<long>("voiceauth.calls.placed", "{call}",
        "Calls handed to the carrier, by purpose and result (placed, or the carrier's refusal).");
    private static readonly Counter<long> Ended = Meter.CreateCounter<long>("voiceauth.sessions.ended", "{session}",
        "Sessions that reached a final state, by purpose, state and reason.");
    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>("voiceauth.decisions", "{decision}",
        "Engine decisions on recordings, by purpose, decision and reason.");
    private static readonly Histogram<double> Scoring = Meter.CreateHistogram<double>(ScoringDurationName, "s",
        "Time the engine took to score one recording.",
        advice: new() { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    private static readonly Histogram<double> Webhooks = Meter.CreateHistogram<double>("voiceauth.webhook.duration", "s",
        "Time to answer one Twilio webhook, by step and status code.",
        advice: new() { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15] });
    private static readonly Histogram<double> Stages = Meter.CreateHistogram<double>(StageDurationName, "s",
        "Time one recording spent in each step of the scoring pipeline (load, download, engine_wait, engine, commit, carrier_delete).",
        advice: new() { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    private static readonly Histogram<double> WriteWaits = Meter.CreateHistogram<double>(WriteWaitName, "s",
        "SQLite only: time a database write waited for this process's write turn (one writer at a time).",
        advice: new() { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    private static readonly Counter<long> ApiCalls = Meter.CreateCounter<long>("voiceauth.api.requests", "{request}",
        "Verification API requests, by client, operation and status code.");

    /// <summary>
    /// Starts a span in the session's own trace, whose id is the session id: the create-call, every webhook, the
    /// recording download, the scoring and the pushes of one call land in one trace, whichever instance served
    /// them. The span that was current (e.g. the webhook's HTTP request) is linked and tagged.
    /// </summary>
    public static Activity? StartInSession(string name, Guid sessionId, ActivityKind kind = ActivityKind.Internal)
    {
        var current = Activity.Current;
        current?.SetTag(SessionTag, sessionId.ToString());
        if (current?.TraceId == SessionTrace.TraceId(sessionId))
        {
            return Source.StartActivity(name, kind)?.SetTag(SessionTag, sessionId.ToString());
        }

        ActivityLink[]? links = current is null ? null : [new ActivityLink(current.Context)];
        return Source.StartActivity(name, kind, SessionTrace.Parent(sessionId), links: links)?.SetTag(SessionTag, sessionId.ToString());
    }

    public static void Requested(string purpose, string result) =>
        Requests.Add(1, new("voiceauth.purpose", purpose), new("voiceauth.result", result));

    public static void CallPlaced(string purpose, string result) =>
        Placed.Add(1, new("voiceauth.purpose", purpose), new("voiceauth.result", result));

    public static void SessionEnded(string purpose, string state, string? reason) =>
        Ended.Add(1, new("voiceauth.purpose", purpose), new("voiceauth.state", state), new("voiceauth.reason", reason ?? "none"));

    public static void Decided(string purpose, string decision, string reason, TimeSpan took)
    {
        Decisions.Add(1, new("voiceauth.purpose", purpose), new("voiceauth.decision", decision), new("voiceauth.reason", reason));
        Scoring.Record(took.TotalSeconds, new KeyValuePair<string, object?>("voiceauth.purpose", purpose));
        Activity.Current?.SetTag("voiceauth.decision", decision).SetTag("voiceauth.reason", reason);
    }

    public static void WebhookAnswered(string step, int status, TimeSpan took) =>
        Webhooks.Record(took.TotalSeconds, new("voiceauth.webhook", step), new("http.response.status_code", status));

    public static void Staged(string stage, TimeSpan took) =>
        Stages.Record(took.TotalSeconds, new KeyValuePair<string, object?>("voiceauth.stage", stage));

    public static void WaitedToWrite(TimeSpan took) => WriteWaits.Record(took.TotalSeconds);

    public static void ApiCalled(string client, string operation, int status) =>
        ApiCalls.Add(1, new("voiceauth.api.client", client), new("voiceauth.api.operation", operation), new("http.response.status_code", status));
}
