namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>The system clock moved forward on demand, for expiry tests that cannot wait minutes.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
