using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;

namespace VoiceAuth.Portal.Health;

/// <summary>
/// The voice engine can score. The built-in engine: its warm-up (<see cref="EngineWarmUp"/>: models read, one-time
/// precomputation done) has finished — degraded and marked <see cref="HealthExtensions.Starting"/> while it runs (not
/// ready: the probes answer 503 for it), so no caller is sent to a cold instance, and unhealthy for good if it failed. Degraded, not unhealthy, because
/// a normal start is not a failure: the health-check service logs an unhealthy result as an error, and an operator (or a
/// newcomer probing the first seconds) would read the warm-up as a fault. With <c>Biometrics:Local:WarmUp</c> off, its model is read on the first probe instead. VoiceIt has
/// nothing local.
/// </summary>
internal sealed class EngineHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        try
        {
            var engine = services.GetRequiredService<BiometricEngines>().Active;
            if (engine.Engine != LocalVoiceBiometrics.EngineName)
            {
                return HealthCheckResult.Healthy(engine.Engine);
            }

            var warmUp = services.GetRequiredService<EngineWarmUp>();
            return warmUp.State switch
            {
                null => HealthCheckResult.Healthy($"model {services.GetRequiredService<LocalEngineModels>().Current.Id}"),
                EngineWarmth.Warm => HealthCheckResult.Healthy($"model {warmUp.Model}"),
                EngineWarmth.Warming => HealthCheckResult.Degraded("the voice engine is warming up", data: HealthExtensions.Starting),
                _ => HealthCheckResult.Unhealthy("the voice engine's warm-up failed: its model could not be loaded (see the log)"),
            };
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy("the voice engine's model could not be loaded");
        }
    }
}
