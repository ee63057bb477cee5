using System.Text.Json;
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

        account.MapPost("/Logout", async (SignInManager<ApplicationUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect($"~/{returnUrl}");
        });

        account.MapGroup("/Manage").RequireAuthorization().MapPost("/DownloadPersonalData", async (
            HttpContext context,
            UserManager<ApplicationUser> userManager,
            IEnumerable<IPersonalDataSource> sources) =>
        {
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
