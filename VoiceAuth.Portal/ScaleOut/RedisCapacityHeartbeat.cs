using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceAuth.Portal.Capacity;

namespace VoiceAuth.Portal.ScaleOut;

/// <summary>
/// Makes admission control cluster-wide: every <c>Capacity:HeartbeatSeconds</c> each instance writes its measured
/// scoring throughput, the time and its host (<c>Capacity:HostId</c>) into one Redis hash (a field per instance),
/// reads everyone else's, and hands them to <see cref="CapacityPeers"/>, which counts each host once. An entry three heartbeats old is an instance that died: it is no longer
/// counted, and the first instance to see it removes it. A stopping instance removes its own at once. Redis
/// unreachable: the peers count as zero, so the instance admits only what it can score itself.
/// </summary>
internal sealed partial class RedisCapacityHeartbeat(
    IConnectionMultiplexer redis,
    RedisKey key,
    CallAdmission admission,
    CapacityPeers peers,
    IOptionsMonitor<CapacityOptions> options,
    TimeProvider clock,
    ILogger<RedisCapacityHeartbeat> logger) : BackgroundService
{
    private readonly string instance = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var period = TimeSpan.FromSeconds(options.CurrentValue.HeartbeatSeconds);
            try
            {
                await BeatAsync(period);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                peers.Update([]);
                LogBeatFailed(e.GetType().Name);
            }

            try
            {
                await Task.Delay(period, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task BeatAsync(TimeSpan period)
    {
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expiry = 3 * period;
        await db.HashSetAsync(key, instance, string.Create(CultureInfo.InvariantCulture, $"{admission.Throughput:R}|{now}|{admission.HostId}"));
        await db.KeyExpireAsync(key, expiry); // the whole hash goes once every instance has stopped beating

        List<CapacityPeers.Peer> others = [];
        foreach (var entry in await db.HashGetAllAsync(key))
        {
            if (entry.Name == instance)
            {
                continue;
            }

            // throughput|time|host; an entry without a host (an older version) is a host of its own.
            var parts = entry.Value.ToString().Split('|', 3);
            if (parts.Length >= 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var throughput)
                && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
                && now - at <= expiry.TotalMilliseconds)
            {
                others.Add(new(parts.Length == 3 && parts[2].Length > 0 ? parts[2] : $"instance:{entry.Name}", throughput));
            }
            else
            {
                await db.HashDeleteAsync(key, entry.Name); // a dead instance (or garbage): plan without it
            }
        }

        peers.Update(others);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await redis.GetDatabase().HashDeleteAsync(key, instance); // the others stop counting on us at once
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogBeatFailed(e.GetType().Name); // then our entry expires after three heartbeats
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capacity heartbeat failed ({Error}); admitting only what this instance can score.")]
    private partial void LogBeatFailed(string error);
}
