using VoiceAuth.Portal.Cli;

if (await PortalCommands.TryRunAsync(args) is int exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "VoiceAuth");
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can find it.</summary>
public partial class Program;
