using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Shell;

/// <summary>Issue 10, finding 5: behind a TLS proxy the portal sees https; every answer carries the basic headers.</summary>
public sealed class ProxyAndHeadersTests : IDisposable
{
    private const string Proxy = "203.0.113.9";
    private readonly PortalFactory factory = new();

    /// <summary>A request as a proxy at <paramref name="from"/> forwards it: https outside, plain http inside.</summary>
    private Task<HttpContext> ForwardedAsync(string from) => factory.Server.SendAsync(context =>
    {
        context.Request.Method = "GET";
        context.Request.Path = "/Account/Manage";
        context.Request.Host = new HostString("portal.example");
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
        context.Connection.RemoteIpAddress = IPAddress.Parse(from);
    });

    [Fact]
    public async Task A_configured_proxy_is_believed_about_https()
    {
        factory.Settings["Proxy:KnownProxies:0"] = Proxy;

        var response = await ForwardedAsync(Proxy);

        Assert.Equal(StatusCodes.Status302Found, response.Response.StatusCode);
        Assert.StartsWith("https://portal.example/Account/Login", response.Response.Headers.Location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_else_claiming_https_is_ignored()
    {
        var response = await ForwardedAsync(Proxy);

        Assert.StartsWith("http://portal.example/Account/Login", response.Response.Headers.Location.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/no/such/page")]
    [InlineData("/Account/Login")]
    public async Task Pages_say_nosniff_and_keep_their_address_from_other_sites(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    public void Dispose() => factory.Dispose();
}
