using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>
/// Gives test requests a network address, which the test server leaves empty: the one named in
/// <see cref="Header"/>, else <see cref="Default"/>. Set before the portal's own middleware (forwarded headers first).
/// </summary>
public static class RemoteAddresses
{
    public const string Header = "X-Test-Remote-Address";

    /// <summary>Where a request without the header comes from (the carrier's webhooks, in these tests).</summary>
    public const string Default = "192.0.2.200";

    public static void Simulate(PortalFactory portal) =>
        portal.TestServices.Add(services => services.AddSingleton<IStartupFilter, AddressFilter>());

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient From(this HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class AddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].FirstOrDefault() ?? Default);
                context.Request.Headers.Remove(Header);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
