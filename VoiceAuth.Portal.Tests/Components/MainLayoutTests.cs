using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Components.Layout;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Components;

public sealed class MainLayoutTests : MudTestContext
{
    private readonly BunitAuthorizationContext auth;

    public MainLayoutTests()
    {
        auth = AddAuthorization();
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        RenderInteractive<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>page</p>"))));

    [Fact]
    public void Anonymous_visitors_see_sign_in_links_and_no_private_pages()
    {
        var layout = RenderLayout();

        var links = layout.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("Account/Login", links);
        Assert.Contains("Account/Register", links);
        Assert.DoesNotContain("Account/Manage", links);
        Assert.DoesNotContain("admin", links);
        Assert.Equal("page", layout.Find("#body").TextContent);
    }

    [Fact]
    public void A_signed_in_user_sees_their_profile_but_not_admin()
    {
        auth.SetAuthorized("ada@example.com");
        auth.SetRoles(Roles.User);

        var layout = RenderLayout();

        var links = layout.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("Account/Manage", links);
        Assert.DoesNotContain("admin", links);
        Assert.Contains("ada@example.com", layout.Markup, StringComparison.Ordinal);
        Assert.NotNull(layout.Find("form[action='Account/Logout']"));
    }

    [Fact]
    public void An_admin_sees_the_admin_link()
    {
        auth.SetAuthorized("boss@example.com");
        auth.SetRoles(Roles.Admin, Roles.User);

        var layout = RenderLayout();

        Assert.Contains("admin", layout.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void The_theme_button_switches_between_light_and_dark()
    {
        var layout = RenderLayout();
        var toggle = layout.Find("button[aria-label='Switch to dark theme']");

        toggle.Click();

        Assert.NotNull(layout.Find("button[aria-label='Switch to light theme']"));
        Assert.Empty(layout.FindAll("button[aria-label='Switch to dark theme']"));
    }

    [Fact]
    public void The_menu_button_toggles_the_drawer()
    {
        var layout = RenderLayout();
        bool IsOpen() => layout.Find(".mud-drawer").ClassList.Contains("mud-drawer--open");
        var initially = IsOpen();

        layout.Find("button[aria-label='Open the menu']").Click();
        Assert.NotEqual(initially, IsOpen());

        layout.Find("button[aria-label='Open the menu']").Click();
        Assert.Equal(initially, IsOpen());
    }
}
