using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Capacity;
using VoiceAuth.Portal.Cli;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Api;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Mail;
using VoiceAuth.Portal.Features.Oidc;
using VoiceAuth.Portal.Features.Settings;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Health;
using VoiceAuth.Portal.Realtime;
using VoiceAuth.Portal.ScaleOut;
using VoiceAuth.Portal.Shell;
using VoiceAuth.Portal.Telemetry;
using VoiceAuth.Portal.Telephony;

// Operator commands (eval, train-ubm, ...) run instead of the portal; see README.md.
if (await PortalCommands.TryRunAsync(args) is int exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

// Configuration: the repository-root appsettings.json, then environment-specific file, user-secrets, env vars.
builder.AddOperatorSettings();

// Storage and accounts.
builder.AddData();
builder.AddSettings(); // administrators' settings from the database, over every other source (before the slices read theirs)
builder.AddAudit();
builder.AddKeyStorage();
builder.AddAccounts();
builder.AddMail();

// The engines around a call: voice biometrics, the phone carrier, live progress.
builder.AddBiometrics();
builder.AddTelephony();
builder.AddRealtime();

// The web shell and the feature slices.
builder.AddShell();
builder.AddVerification();
builder.AddCapacity(); // admission control: only the calls the portal can finish are placed
builder.AddVoiceprints();
builder.AddAdmin();
builder.AddVerificationApi();
builder.AddOidcProvider();

// Several instances behind a load balancer share state through Redis (after the slices: it replaces their single-instance parts).
builder.AddScaleOut();

// What an operator sees and probes: OpenTelemetry (exported when OTEL_EXPORTER_OTLP_ENDPOINT is set), health checks.
builder.AddTelemetry();
builder.AddHealth();

var app = builder.Build();

// Every wrong setting of every slice in one message, before anything touches the database.
app.ValidateSettings();

app.UseShell();
await app.InitializeDatabaseAsync();

app.MapHealth();
app.MapAccounts();
app.MapMail();
app.MapTelephony();
app.MapVerification();
app.MapRealtime();
app.MapApi();
app.MapOidcProvider();
app.MapAudit();
app.MapShell();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can find it.</summary>
public partial class Program;
