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

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
