using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Realtime;

namespace VoiceAuth.Portal.ScaleOut;

/// <summary>
/// Multi-instance delivery. Hub clients get the step through the SignalR Redis backplane (one send reaches every
/// instance); open Blazor pages, which live in one instance's memory, get it through a Redis channel that every
/// instance — this one included — subscribes to and hands to its local <see cref="SessionNotifier"/>.
/// </summary>
internal sealed partial class RedisSessionUpdatePublisher(
    IHubContext<VerificationHub, IVerificationClient> hub,
    IConnectionMultiplexer redis,
    RedisChannel channel) : ISessionUpdateBackplane
{
    public async Task PublishAsync(string userId, SessionUpdate update)
    {
        await hub.Clients.Group(VerificationHub.Group(update.SessionId)).SessionUpdated(update);
        await redis.GetSubscriber().PublishAsync(channel, JsonSerializer.Serialize(update));
    }
}

/// <summary>Feeds steps published by any instance to this instance's open pages.</summary>
internal sealed partial class RedisSessionUpdateListener(
    IConnectionMultiplexer redis,
    RedisChannel channel,
    SessionNotifier notifier,
    ILogger<RedisSessionUpdateListener> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(channel);
        queue.OnMessage(async message =>
        {
            try
            {
                if (JsonSerializer.Deserialize<SessionUpdate>(message.Message.ToString()) is { } update)
                {
                    await notifier.NotifyAsync(update);
                }
            }
            catch (JsonException e)
            {
                LogBadMessage(e);
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed session update from Redis.")]
    private partial void LogBadMessage(Exception e);
}
