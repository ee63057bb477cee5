using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>
/// bUnit with MudBlazor's services, loose JS interop and an interactive Server renderer. MudBlazor registers
/// services that only dispose asynchronously, so the context is disposed through xunit's async lifetime.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>Renders as on an interactive Server circuit (call after all services are registered).</summary>
    protected IRenderedComponent<T> RenderInteractive<T>(Action<ComponentParameterCollectionBuilder<T>> parameters)
        where T : IComponent
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters);
    }

    /// <summary>
    /// An administrator (boss@example.com, id boss-id) on an interactive Server circuit, as the admin pages are
    /// rendered; <paramref name="popovers"/> renders MudBlazor's popover provider for pages with menus and dialogs.
    /// </summary>
    protected void SignInAsAdminOnCircuit(bool popovers = true)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("boss@example.com");
        auth.SetRoles("Admin");
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "boss-id"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        if (popovers)
        {
            Render<MudBlazor.MudPopoverProvider>();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
