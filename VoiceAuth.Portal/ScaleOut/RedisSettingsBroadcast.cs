using StackExchange.Redis;
using VoiceAuth.Portal.Features.Settings;

namespace VoiceAuth.Portal.ScaleOut;

/// <summary>
/// With several instances, a setting changed on one reaches the others within a moment: a message on a Redis channel
/// every instance subscribes to, after which each re-reads the settings table. The message carries only the sender's
/// id (its own change is already in force); the values never travel through Redis.
/// </summary>
internal sealed partial class RedisSettingsBroadcast(
    IConnectionMultiplexer redis,
    RedisChannel channel,
    SettingsRefresher refresher,
    ILogger<RedisSettingsBroadcast> logger) : ISettingsBroadcast, IHostedService
{
    private readonly string instance = Guid.NewGuid().ToString("N");

    public async Task ChangedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, instance);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogPublishFailed(e.GetType().Name); // the others still read the table within Settings:RefreshSeconds
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(channel);
        queue.OnMessage(async message =>
        {
            if (message.Message == instance)
            {
                return;
            }

            try
            {
                await refresher.RefreshAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(e); // the periodic read tries again
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other instances about a settings change ({Error}); they apply it at their next periodic read.")]
    private partial void LogPublishFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply a settings change announced by another instance; the periodic read tries again.")]
    private partial void LogRefreshFailed(Exception e);
}
