using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace VoiceAuth.Portal.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>The standard variable that turns export on; the other <c>OTEL_*</c> variables are honoured too.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry: the portal's own source and meter
    /// (<see cref="VoiceAuthTelemetry"/>), ASP.NET Core and HttpClient. Exported over OTLP only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; with it unset nothing leaves the process. Logs written inside a
    /// span carry its trace and span ids.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logs =>
        {
            logs.IncludeFormattedMessage = true;
            logs.IncludeScopes = false; // scopes can hold request paths with tokens; the trace id is enough to join
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? "voiceauth-portal"))
            .WithTracing(tracing => tracing
                .AddSource(VoiceAuthTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http))
                .AddHttpClientInstrumentation()
                .AddProcessor(new UrlScrubber()))
            .WithMetrics(metrics => metrics
                .AddMeter(VoiceAuthTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentationIfPresent());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            otel.UseOtlpExporter();
        }

        builder.Services.AddHostedService<QueueGauges>();
        return builder;
    }

    // Load balancers probe every few seconds: their requests would drown the calls' traces.
    private static bool IsProbe(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    private static MeterProviderBuilder AddRuntimeInstrumentationIfPresent(this MeterProviderBuilder metrics) =>
        metrics.AddMeter("System.Runtime"); // .NET's built-in runtime meter: GC, thread pool, CPU
}
