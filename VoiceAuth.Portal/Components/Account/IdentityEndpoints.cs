using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Components.Account;

internal static class IdentityEndpoints
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Endpoints the account pages post to: sign-out and the personal-data download.</summary>
    public static IEndpointConventionBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        account.MapPost("/Logout", async (
            HttpContext context,
            SignInManager<ApplicationUser> signInManager,
            UserManager<ApplicationUser> userManager,
            [FromForm] string? returnUrl) =>
        {
            // A new security stamp invalidates every copy of the cookie, not only this browser's.
            if (await userManager.GetUserAsync(context.User) is { } user)
            {
                await userManager.UpdateSecurityStampAsync(user);
            }

            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/" + LocalUrl.OrHome(returnUrl).TrimStart('/'));
        });

        account.MapGroup("/Manage").RequireAuthorization().MapPost("/DownloadPersonalData", async (
            HttpContext context,
            IAntiforgery antiforgery,
            UserManager<ApplicationUser> userManager,
            IEnumerable<IPersonalDataSource> sources) =>
        {
            // The endpoint binds no form field, so the framework does not check the token for it: check it here,
            // or another site could make a signed-in browser post and download the data.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var user = await userManager.GetUserAsync(context.User);
            if (user is null)
            {
                return Results.NotFound();
            }

            var data = new Dictionary<string, object?>
            {
                ["Email"] = user.Email,
                ["DisplayName"] = user.DisplayName,
                ["PhoneNumber"] = user.PhoneNumber,
                ["CreatedAt"] = user.CreatedAt,
                ["Roles"] = await userManager.GetRolesAsync(user),
            };
            foreach (var source in sources)
            {
                data[source.Name] = await source.GetAsync(user.Id, context.RequestAborted);
            }

            var bytes = JsonSerializer.SerializeToUtf8Bytes(data, Indented);
            return TypedResults.File(bytes, "application/json", "VoiceAuth-personal-data.json");
        });

        return account;
    }
}
