using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace VoiceAuth.SampleShop;

/// <summary>The shop's two pages: the password form, and who is signed in with how VoiceAuth verified them.</summary>
internal static class ShopPages
{
    /// <summary>The e-mail whose password the shop checked, carried through the challenge to VoiceAuth and back.</summary>
    public const string PasswordCheckedFor = "shop.password_checked_for";

    public static void MapShopPages(this WebApplication app)
    {
        app.MapGet("/", Home);
        app.MapPost("/login", Login);
        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
    }

    private static IResult Home(HttpContext http, IAntiforgery antiforgery, [FromQuery] string? error)
    {
        var e = HtmlEncoder.Default;
        var user = http.User;
        string body;
        if (user.Identity?.IsAuthenticated == true)
        {
            var amr = string.Join(" ", user.FindAll("amr").Select(c => c.Value));
            body = $"""
                <p>Signed in as <b id="signed-in-as">{e.Encode(user.FindFirstValue("email") ?? "")}</b>.</p>
                <p>VoiceAuth verified: <code id="amr">{e.Encode(amr)}</code> (acr <code id="acr">{e.Encode(user.FindFirstValue("acr") ?? "")}</code>)</p>
                <form method="post" action="/logout">{Token(http, antiforgery)}<button id="sign-out">Sign out</button></form>
                """;
        }
        else
        {
            var failure = error is null ? "" : $"""<p id="error">Sign-in refused by VoiceAuth: <code>{e.Encode(error)}</code></p>""";
            body = $"""
                {failure}
                <form method="post" action="/login">{Token(http, antiforgery)}
                  <label>E-mail <input id="email" name="email" type="email" autocomplete="username"></label>
                  <label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
                  <button id="sign-in">Sign in</button>
                </form>
                """;
        }

        return Results.Content($"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sample Shop</title></head>
            <body><h1>Sample Shop</h1>{body}</body></html>
            """, "text/html");
    }

    /// <summary>The shop's own password step; then VoiceAuth is asked to verify the voice of that person.</summary>
    private static IResult Login(IOptions<ShopOptions> shop, [FromForm] string? email, [FromForm] string? password)
    {
        var known = shop.Value.Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
        if (known is null || !ShopApp.Matches(password ?? "", known.Password))
        {
            return Results.Redirect("/?error=wrong_password");
        }

        var properties = new AuthenticationProperties { RedirectUri = "/" };
        properties.Items[PasswordCheckedFor] = known.Email;
        return Results.Challenge(properties, ["voiceauth"]);
    }

    private static string Token(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"""<input type="hidden" name="{tokens.FormFieldName}" value="{HtmlEncoder.Default.Encode(tokens.RequestToken!)}">""";
    }
}
