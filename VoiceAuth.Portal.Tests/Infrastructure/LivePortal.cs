using System.Net;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>The portal on a real Kestrel socket (loopback, random port) for browser tests.</summary>
public sealed class LivePortal : PortalFactory
{
    public LivePortal()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server (once) and returns its base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Start()
    {
        StartServer();
        return ClientOptions.BaseAddress;
    }
}
