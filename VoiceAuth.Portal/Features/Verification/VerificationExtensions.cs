using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Realtime;

namespace VoiceAuth.Portal.Features.Verification;

internal static class VerificationExtensions
{
    /// <summary>Verification sessions, the phone flow, the recording worker and voiceprint storage.</summary>
    public static WebApplicationBuilder AddVerification(this WebApplicationBuilder builder)
    {
        var verification = builder.AddValidatedOptions(VerificationOptions.Section, new VerificationOptionsValidator());
        var services = builder.Services;

        // One passphrase for the whole portal: what the phone asks for is what the engine expects.
        if (builder.Configuration[$"{LocalEngineOptions.Section}:Passphrase"] is null)
        {
            services.PostConfigure<LocalEngineOptions>(o => o.Passphrase = verification.Phrase);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new BiometricEngines(sp.GetServices<IVoiceBiometrics>(), sp.GetRequiredService<IVoiceBiometrics>()));
        services.AddSingleton<VoiceprintStore>();
        services.AddSingleton<VoiceprintDeletion>();
        // Erasers run in this order: calls are hung up and their recordings deleted before the voiceprint goes.
        services.AddSingleton<IPersonalDataEraser, CallDataEraser>();
        services.AddSingleton<IPersonalDataEraser>(sp => sp.GetRequiredService<VoiceprintDeletion>());
        services.AddSingleton<SessionChanges>();
        services.AddSingleton<SessionNotifier>();
        services.AddSingleton<ISessionUpdatePublisher, SessionUpdatePublisher>();
        services.AddSingleton<CallableNumbers>();
        services.AddSingleton<CallLimits>();
        services.AddSingleton<CallReconciler>();
        services.AddSingleton<VerificationService>();
        services.AddSingleton<PassedSessions>();
        services.AddSingleton<PhoneFlow>();
        services.AddSingleton<StatusCallbacks>();
        services.AddSingleton<RecordingSignal>();
        services.AddSingleton<ScoringRules>();
        services.AddSingleton<RecordingScorer>();
        services.AddSingleton<CarrierRecordings>();
        services.AddSingleton<SessionSweeper>();
        services.AddHostedService<RecordingProcessor>();
        return builder;
    }
}
