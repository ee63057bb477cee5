using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using VoiceAuth.Portal.Realtime;

namespace VoiceAuth.Portal.Tests.Infrastructure;

public static class HubClients
{
    /// <summary>Signs in over HTTP and returns the session cookie header a browser would send.</summary>
    public static async Task<string> SignInCookieAsync(this PortalFactory portal, string email)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.GetAsync("/Account/Login");
        var antiforgeryCookies = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var document = HtmlForms.Parse(await login.Content.ReadAsStringAsync());
        var form = document.Forms.Single(f => f.QuerySelector("input[name=_handler][value=login]") is not null);
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields[document.GetElementById("Input.Email")!.GetAttribute("name")!] = email;
        fields[document.GetElementById("Input.Password")!.GetAttribute("name")!] = TestPasswords.Good;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", string.Join("; ", antiforgeryCookies));
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("VoiceAuth.Session=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A real SignalR client for the verification hub over the in-memory test server.</summary>
    public static HubConnection CreateHubConnection(this PortalFactory portal, string? cookie, bool reconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(portal.Server.BaseAddress, VerificationHub.Path.TrimStart('/')), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => portal.Server.CreateHandler();
            if (cookie is not null)
            {
                options.Headers["Cookie"] = cookie;
            }
        });
        if (reconnect)
        {
            builder.WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)]);
        }

        return builder.Build();
    }
}
