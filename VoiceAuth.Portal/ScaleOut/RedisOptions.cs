namespace VoiceAuth.Portal.ScaleOut;

/// <summary>
/// Section <c>Redis</c>. Empty: one portal instance, everything in process. Set: several instances share the
/// SignalR backplane, live progress for open pages, and the Data Protection keys through this Redis.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>redis.internal:6379,password=…</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix for every channel and key, so several deployments can share one Redis.</summary>
    public string Prefix { get; set; } = "voiceauth";
}
