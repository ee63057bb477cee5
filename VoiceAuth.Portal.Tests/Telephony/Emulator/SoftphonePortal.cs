using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoiceAuth.Emulator;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

/// <summary>
/// The portal on a real socket with the emulator registered as <c>AddTwilioEmulator</c> does (Program.cs wiring
/// is the lead's), its webhooks answered by a <see cref="FakePortal"/>.
/// </summary>
public sealed class SoftphonePortal : PortalFactory
{
    public SoftphonePortal()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public FakePortal Webhooks { get; } = new();

    internal TwilioEmulator Emulator => Services.GetRequiredService<TwilioEmulator>();

    public Uri Start()
    {
        StartServer();
        Emulator.UsePortalHandler(Webhooks.Handler);
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(sp => new TwilioEmulator(new TwilioEmulatorOptions { AuthToken = EmulatorHarness.AuthToken }, sp.GetRequiredService<ILogger<TwilioEmulator>>()));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Webhooks.DisposeAsync();
    }
}
