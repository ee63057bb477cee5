using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Components;

namespace VoiceAuth.Portal.Shell;

internal static class ShellExtensions
{
    /// <summary>Razor components on interactive Server rendering, with MudBlazor.</summary>
    public static WebApplicationBuilder AddShell(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        var proxy = builder.AddValidatedOptions(ProxyOptions.Section, new ProxyOptionsValidator());
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>Error handling and the middleware every request passes through, in the order that matters.</summary>
    public static WebApplication UseShell(this WebApplication app)
    {
        // First: everything after it (HSTS, Secure cookies, per-address limits) must see the client's scheme and address.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();

        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        // Any bare 4xx/5xx (404, 403 from a missing role, 429 from a rate limit) becomes a page in plain words.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);

        // Explicitly after the status-code pages, so that a 403 from authorization is rendered by them too.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapShell(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies([.. app.Services.GetServices<PageAssembly>().Select(page => page.Assembly)]);
        return app;
    }
}
