using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Features.Settings;
using VoiceAuth.Portal.Realtime;

namespace VoiceAuth.Portal.ScaleOut;

internal static class ScaleOutExtensions
{
    /// <summary>
    /// With <c>Redis:ConnectionString</c> set: the SignalR backplane, cross-instance live progress, shared
    /// Data Protection keys (cookies and encrypted voiceprints readable by every instance), the capacity heartbeat
    /// (admission control adds up every live instance's scoring throughput), settings changes announced to every
    /// instance, and a health check.
    /// Everything else instances share already lives in the database.
    /// </summary>
    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return builder;
        }

        ConfigurationOptions redisConfiguration;
        try
        {
            redisConfiguration = ConfigurationOptions.Parse(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            builder.AddStartupFailure("Redis:ConnectionString", $"Redis:ConnectionString is not a valid StackExchange.Redis configuration: {e.Message}");
            return builder;
        }

        redisConfiguration.AbortOnConnectFail = false; // start even if Redis is briefly down; reconnect in the background
        var prefix = options.Prefix;
        var multiplexer = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redisConfiguration));
        var services = builder.Services;
        services.AddSingleton(_ => multiplexer.Value);

        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = redisConfiguration.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal($"{prefix}:signalr");
        });

        services.AddDataProtection().PersistKeysToStackExchangeRedis(() => multiplexer.Value.GetDatabase(), $"{prefix}:dataprotection-keys");

        var channel = RedisChannel.Literal($"{prefix}:session-updates");
        services.AddSingleton<ISessionUpdateBackplane>(sp => ActivatorUtilities.CreateInstance<RedisSessionUpdatePublisher>(sp, channel));
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<RedisSessionUpdateListener>(sp, channel));
        // Admission control counts every live instance's scoring throughput (Capacity/CallAdmission).
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<RedisCapacityHeartbeat>(sp, (RedisKey)$"{prefix}:capacity"));
        // A setting changed on one instance is applied by the others at once, not at their next periodic read.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RedisSettingsBroadcast>(sp, RedisChannel.Literal($"{prefix}:settings-changed")));
        services.AddSingleton<ISettingsBroadcast>(sp => sp.GetRequiredService<RedisSettingsBroadcast>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisSettingsBroadcast>());
        services.AddHealthChecks().AddCheck("redis", () => multiplexer.Value.IsConnected
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy());
        return builder;
    }
}
