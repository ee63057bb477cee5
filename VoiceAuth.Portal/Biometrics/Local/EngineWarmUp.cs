using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>How far the built-in engine's warm-up is (<see cref="EngineWarmUp"/>).</summary>
internal enum EngineWarmth
{
    Warming,
    Warm,
    Failed,
}

/// <summary>
/// Warms the built-in engine off the request path. Right after start — when it is the engine in force and
/// <see cref="LocalEngineOptions.WarmUp"/> is on — a background task reads the models and does the enrollment-side
/// precomputation (<see cref="Modeling.Subsystem.Precompute"/>, ≈ 2 s on one core). Lazily it fell on the first caller
/// to complete an enrollment after every start or scale-out, and under load that first wave pushed recordings past the
/// phone flow's scoring wait. Until it is done the instance is unready (<c>/health/ready</c> 503) and refuses calls as
/// busy, so a load balancer sends it no callers; Kestrel starts meanwhile and <c>/health/live</c> answers.
/// </summary>
/// <remarks>
/// The work belongs to the model, which is read once per process (<see cref="LocalEngineModels"/>): a second host in
/// the same process is warm at once. A model that cannot be read or prepared leaves the instance unready for good
/// (the shipped model is part of the build: only a new build mends it), with the reason in the log.
/// </remarks>
public sealed partial class EngineWarmUp : IHostedService
{
    private readonly LocalEngineModels models;
    private readonly BiometricEngines engines;
    private readonly IOptionsMonitor<LocalEngineOptions> options;
    private readonly ILogger<EngineWarmUp> logger;
    private readonly Lock gate = new();
    private Task? warming;
    private volatile string? warmModel;
    private volatile bool failed;

    internal EngineWarmUp(LocalEngineModels models, BiometricEngines engines, IOptionsMonitor<LocalEngineOptions> options, ILogger<EngineWarmUp> logger)
    {
        this.models = models;
        this.engines = engines;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>Null when no warm-up is in play: another engine is in force, or <see cref="LocalEngineOptions.WarmUp"/> is off.</summary>
    /// <remarks>
    /// Asking starts the warm-up if it has not run: an administrator may switch to the built-in engine after start,
    /// and the next readiness probe or call then warms it.
    /// </remarks>
    internal EngineWarmth? State
    {
        get
        {
            if (!Applies)
            {
                return null;
            }

            Start();
            return failed ? EngineWarmth.Failed : warmModel is null ? EngineWarmth.Warming : EngineWarmth.Warm;
        }
    }

    /// <summary>The id of the model warmed, once warm.</summary>
    internal string? Model => warmModel;

    /// <summary>True while the built-in engine in force is still warming: calls are refused meanwhile.</summary>
    public bool IsWarming => State == EngineWarmth.Warming;

    private bool Applies => options.CurrentValue.WarmUp && engines.Active.Engine == LocalVoiceBiometrics.EngineName;

    /// <summary>Returns at once: the work runs on the thread pool, so the host (and Kestrel) start without waiting for it.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Applies)
        {
            Start();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts the warm-up once; the task ends when it is warm or has failed (never faulted).</summary>
    internal Task Start()
    {
        lock (gate)
        {
            return warming ??= Task.Run(Warm);
        }
    }

    private void Warm()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var model = models.Current;
            _ = models.Earlier;
            foreach (var subsystem in model.Subsystems)
            {
                subsystem.Precompute();
            }

            warmModel = model.Id;
            LogWarm(model.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed = true;
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The built-in voice engine is warm (model {Model}, {Milliseconds:0} ms): ready for calls.")]
    private partial void LogWarm(string model, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The built-in voice engine's model could not be read or prepared; this instance stays unready (/health/ready 503) until a build with a readable model runs.")]
    private partial void LogFailed(Exception e);
}
