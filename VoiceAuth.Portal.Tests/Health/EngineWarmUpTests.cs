using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Biometrics.Local.Modeling;
using VoiceAuth.Portal.Biometrics.Local.Voiceprints;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Biometrics;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Health;

/// <summary>
/// The built-in engine's one-time precomputation runs at start, off the request path (<see cref="EngineWarmUp"/>):
/// the instance is unready and refuses calls until it is done, and the first scoring after it does not do it again.
/// Each test hands the portal a fresh copy of the shipped model (the shipped one is shared by the whole test process,
/// so whether it is already warm depends on which tests ran before).
/// </summary>
public sealed class EngineWarmUpTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static BackgroundModel FreshModel() => BackgroundModel.FromBytes(BackgroundModel.Shipped.ToBytes());

    private static PortalFactory Portal(LocalEngineModels models, bool warmUp = true, string mode = "TextIndependent")
    {
        var portal = new PortalFactory();
        portal.Settings["Biometrics:Local:WarmUp"] = warmUp ? "true" : "false";
        portal.Settings["Biometrics:Local:Mode"] = mode;
        portal.TestServices.Add(services => services.AddSingleton(models));
        return portal;
    }

    [Fact]
    public async Task Ready_is_503_and_calls_are_refused_while_the_engine_warms_and_both_open_once_it_is_warm()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = FreshModel();
        var logs = new CapturingLoggerProvider();
        using var portal = Portal(new LocalEngineModels(() =>
        {
            hold.Task.Wait(); // the warm-up's first step: held until the test lets it go
            return model;
        }, () => []));
        portal.TestServices.Add(services => services.AddSingleton<ILoggerProvider>(logs));
        var client = portal.CreateClient();
        var warmUp = portal.Services.GetRequiredService<EngineWarmUp>();
        var limits = portal.Services.GetRequiredService<CallLimits>();

        var (status, checks) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Degraded", checks.GetProperty("engine").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetString()); // only the engine holds it back
        // A normal start, not a fault: the health-check service logs it as a warning, never as an error.
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal) && l.Contains("warming up", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        Assert.Equal("the voice engine is warming up", await EngineDescriptionAsync(portal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var refused = await limits.CheckCapacityAsync(CancellationToken.None);
        Assert.NotNull(refused);
        Assert.Equal(CallLimits.WarmingRetry, refused.RetryAfter);
        Assert.All(model.Subsystems, s => Assert.Equal(0, s.SidePrecomputations));

        hold.SetResult();
        await warmUp.Start().WaitAsync(Patience);

        (status, checks) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", checks.GetProperty("engine").GetString());
        Assert.Equal($"model {model.Id}", await EngineDescriptionAsync(portal));
        Assert.All(model.Subsystems, s => Assert.Equal(1, s.SidePrecomputations)); // done by the warm-up, not by a caller
        Assert.Null(await limits.CheckCapacityAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_first_completed_enrollment_and_verification_after_the_warm_up_do_not_precompute_again()
    {
        var model = FreshModel();
        using var portal = Portal(new LocalEngineModels(() => model, () => []));
        _ = portal.CreateClient();
        await portal.Services.GetRequiredService<EngineWarmUp>().Start().WaitAsync(Patience);
        Assert.All(model.Subsystems, s => Assert.Equal(1, s.SidePrecomputations));

        var state = await EnrollAndVerifyAsync(portal.Services.GetRequiredService<BiometricEngines>().Active);

        Assert.NotNull(VoiceprintFormat.Read(state.Data)!.EnrollmentSide); // S-norm's side scores were worked out on this model
        Assert.All(model.Subsystems, s => Assert.Equal(1, s.SidePrecomputations));
    }

    [Fact]
    public async Task With_the_warm_up_off_the_portal_is_ready_at_once_and_the_first_completed_enrollment_pays_for_the_precomputation()
    {
        var model = FreshModel();
        using var portal = Portal(new LocalEngineModels(() => model, () => []), warmUp: false);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(portal.CreateClient(), "/health/ready")).Status);
        Assert.Null(await portal.Services.GetRequiredService<CallLimits>().CheckCapacityAsync(CancellationToken.None));
        Assert.All(model.Subsystems, s => Assert.Equal(0, s.SidePrecomputations));

        await EnrollAndVerifyAsync(portal.Services.GetRequiredService<BiometricEngines>().Active);

        Assert.All(model.Subsystems, s => Assert.Equal(1, s.SidePrecomputations)); // the lazy path: the counter sees the engine's work
    }

    [Fact]
    public async Task A_model_that_cannot_be_read_leaves_the_portal_unready_with_the_reason_logged()
    {
        var logs = new CapturingLoggerProvider();
        using var portal = Portal(new LocalEngineModels(() => BackgroundModel.FromBytes("not a model"u8.ToArray()), () => []));
        portal.TestServices.Add(services => services.AddSingleton<ILoggerProvider>(logs));
        var client = portal.CreateClient();
        var warmUp = portal.Services.GetRequiredService<EngineWarmUp>();

        await warmUp.Start().WaitAsync(Patience);

        var (status, checks) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks.GetProperty("engine").GetString());
        Assert.Equal("the voice engine's warm-up failed: its model could not be loaded (see the log)", await EngineDescriptionAsync(portal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.False(warmUp.IsWarming); // failed, not warming: calls are not refused as busy for ever (they fail as before)
        Assert.Contains(logs.Lines, l => l.StartsWith("Error VoiceAuth.Portal.Biometrics.Local.EngineWarmUp:", StringComparison.Ordinal)
            && l.Contains("could not be read or prepared", StringComparison.Ordinal) && l.Contains(nameof(InvalidDataException), StringComparison.Ordinal));
    }

    /// <summary>Three text-independent enrollments of one speech-like voice (the third completes the voiceprint) and a verification.</summary>
    private static async Task<VoiceprintState> EnrollAndVerifyAsync(IVoiceBiometrics engine)
    {
        Assert.Equal(LocalVoiceBiometrics.EngineName, engine.Engine);
        var state = (await engine.CreateProfileAsync(CancellationToken.None)).Voiceprint!;
        for (var seed = 1; seed <= 3; seed++)
        {
            var enrolled = await engine.EnrollAsync(state, new AudioInput(Recording(seed)), CancellationToken.None);
            Assert.Equal(BiometricDecision.Accepted, enrolled.Decision);
            state = enrolled.Voiceprint;
        }

        Assert.True(state.IsComplete);
        var verified = await engine.VerifyAsync(state, new AudioInput(Recording(4)), CancellationToken.None);
        Assert.NotEqual(BiometricDecision.Error, verified.Decision);
        return state;
    }

    private static byte[] Recording(int seed) => TestAudio.Pcm16(TestAudio.Mix(TestAudio.SpeechLike(3, seed: seed), TestAudio.Noise(3, 0.002, seed: seed)));

    private static async Task<string?> EngineDescriptionAsync(PortalFactory portal)
    {
        var report = await portal.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "engine");
        return report.Entries["engine"].Description;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Checks)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("checks").Clone());
    }
}
