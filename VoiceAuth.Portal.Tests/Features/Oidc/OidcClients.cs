using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Oidc;

/// <summary>Two registered applications, as an operator would configure them.</summary>
public static class OidcClients
{
    public const string Shop = "sample-shop";
    public const string ShopSecret = "shop-secret-0123456789abcdefghijklmnopqrstuvwxyz";
    public const string ShopRedirect = "https://shop.example/signin-oidc";
    public const string ShopSignedOut = "https://shop.example/signed-out";
    public const string Other = "other-app";
    public const string OtherSecret = "other-secret-0123456789abcdefghijklmnopqrstuvwxyz";
    public const string OtherRedirect = "https://other.example/signin-oidc";

    public static void Register(PortalFactory portal)
    {
        portal.Settings["Oidc:Clients:0:ClientId"] = Shop;
        portal.Settings["Oidc:Clients:0:ClientSecret"] = ShopSecret;
        portal.Settings["Oidc:Clients:0:DisplayName"] = "Sample Shop";
        portal.Settings["Oidc:Clients:0:RedirectUris:0"] = ShopRedirect;
        portal.Settings["Oidc:Clients:0:PostLogoutRedirectUris:0"] = ShopSignedOut;
        portal.Settings["Oidc:Clients:1:ClientId"] = Other;
        portal.Settings["Oidc:Clients:1:ClientSecret"] = OtherSecret;
        portal.Settings["Oidc:Clients:1:DisplayName"] = "Other App";
        portal.Settings["Oidc:Clients:1:RedirectUris:0"] = OtherRedirect;
    }
}
