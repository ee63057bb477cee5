using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Telephony;

namespace VoiceAuth.Portal.Features.Verification;

internal static class VerificationExtensions
{
    /// <summary>Verification sessions, the phone flow, status callbacks and the recording worker.</summary>
    public static WebApplicationBuilder AddVerification(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions(VerificationOptions.Section, new VerificationOptionsValidator());
        var services = builder.Services;

        // One passphrase for the whole portal: what the phone asks for is what the engine expects. Read from the
        // configuration each time the engine's options are rebuilt, so a passphrase changed in the admin settings
        // reaches the engine too (not through VerificationOptions' monitor: on a reload the two monitors are rebuilt
        // in no set order, and the engine's could read the old phrase from the other's cache).
        var configuration = builder.Configuration;
        if (configuration[$"{LocalEngineOptions.Section}:Passphrase"] is null)
        {
            services.PostConfigure<LocalEngineOptions>(o =>
                o.Passphrase = configuration.GetSection(VerificationOptions.Section).Get<VerificationOptions>()?.Phrase ?? new VerificationOptions().Phrase);
        }

        services.AddSingleton(TimeProvider.System);
        // Erasers run in registration order: Verification is added before Voiceprints, so calls are hung up and
        // their recordings deleted before the voiceprint goes.
        services.AddSingleton<IPersonalDataEraser, CallDataEraser>();
        services.AddSingleton<SessionChanges>();
        services.AddSingleton<CallableNumbers>();
        services.AddSingleton<CallLoad>();
        services.AddSingleton<CallLimits>();
        services.AddSingleton<CallReconciler>();
        services.AddSingleton<VerificationService>();
        services.AddSingleton<PassedSessions>();
        services.AddSingleton<PhoneFlow>();
        services.AddSingleton<StatusCallbacks>();
        services.AddSingleton<RecordingSignal>();
        services.AddSingleton<ScoringRules>();
        services.AddSingleton<ScoringGate>();
        services.AddSingleton<RecordingScorer>();
        services.AddSingleton<CarrierRecordings>();
        services.AddSingleton<SessionSweeper>();
        services.AddHostedService<RecordingProcessor>();
        services.AddHostedService<SessionRetentionSweeper>();
        services.Configure<CallWebhookPaths>(paths =>
        {
            paths.Answer = PhoneWebhooks.Answer;
            paths.Status = PhoneWebhooks.Status;
        });
        return builder;
    }

    /// <summary>The calls' webhooks (the phone flow and status callbacks), signed by Twilio.</summary>
    public static WebApplication MapVerification(this WebApplication app) => app.MapPhoneWebhooks();
}
