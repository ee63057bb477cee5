using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>An options monitor whose value never changes, for building a service outside a host.</summary>
public sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
