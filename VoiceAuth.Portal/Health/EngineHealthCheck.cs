using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;

namespace VoiceAuth.Portal.Health;

/// <summary>
/// The voice engine can score. The built-in engine: its warm-up (<see cref="EngineWarmUp"/>: models read, one-time
/// precomputation done) has finished — unhealthy while it runs, so no caller is sent to a cold instance, and for good
/// if it failed. With <c>Biometrics:Local:WarmUp</c> off, its model is read on the first probe instead. VoiceIt has
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
                EngineWarmth.Warming => HealthCheckResult.Unhealthy("the voice engine is warming up"),
                _ => HealthCheckResult.Unhealthy("the voice engine's warm-up failed: its model could not be loaded (see the log)"),
            };
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy("the voice engine's model could not be loaded");
        }
    }
}
