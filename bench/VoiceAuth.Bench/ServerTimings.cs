using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace VoiceAuth.Bench;

/// <summary>Times each webhook inside the portal too, to tell the portal's own work from queueing on the way.</summary>
internal sealed class ServerTimings : IStartupFilter
{
    public static readonly ConcurrentBag<(string Path, double Ms)> Samples = [];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var started = Stopwatch.GetTimestamp();
            await nextMiddleware(context);
            if (context.Request.Path.StartsWithSegments("/twilio/voice") && !context.Request.Path.Value!.EndsWith("/wait", StringComparison.Ordinal))
            {
                Samples.Add((context.Request.Path.Value!, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        });
        next(app);
    };
}
