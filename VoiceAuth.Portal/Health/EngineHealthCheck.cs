using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Health;

/// <summary>
/// The voice engine can score: for the built-in engine, its background model has been read and checked (loaded on
/// the first probe, so a readiness probe also warms the engine before the first call). VoiceIt has nothing local.
/// </summary>
internal sealed class EngineHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var engine = services.GetRequiredService<BiometricEngines>().Active;
            if (engine.Engine != LocalVoiceBiometrics.EngineName)
            {
                return Task.FromResult(HealthCheckResult.Healthy(engine.Engine));
            }

            return Task.FromResult(HealthCheckResult.Healthy($"model {BackgroundModel.Shipped.Id}"));
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the voice engine's model could not be loaded"));
        }
    }
}
