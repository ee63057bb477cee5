namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>One portal shared by the tests of a class that don't depend on each other's data.</summary>
public sealed class PortalFactoryFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
