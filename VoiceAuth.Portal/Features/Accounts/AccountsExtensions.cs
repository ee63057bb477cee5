using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using VoiceAuth.Portal.Components.Account;
using VoiceAuth.Portal.Configuration;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.SignIn;

namespace VoiceAuth.Portal.Features.Accounts;

internal static class AccountsExtensions
{
    /// <summary>ASP.NET Core Identity with roles, cookie sign-in, lockout and the phone-number rules.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var accounts = builder.AddValidatedOptions(AccountsOptions.Section, new AccountsOptionsValidator());
        builder.AddValidatedOptions(AdminOptions.Section, new AdminOptionsValidator());

        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "VoiceAuth.Session";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // A signed-in person without the right role gets a real 403 (rendered by the status page), not a redirect.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder();

        // Signing out rotates the security stamp; checking it on every request makes a copied cookie useless at once
        // (one indexed lookup per request) instead of up to 30 minutes later.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Password sign-in works before the e-mail is confirmed (refusing it would tell a guesser which addresses
                // have unconfirmed accounts); calls, enrollment and applications wait for the confirmation instead.
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<HashedRecoveryCodeStore>()
            .AddSignInManager<AccountSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders()
            .AddVoiceSignIn();

        services.AddSingleton(new PhoneNumberValidator(accounts.DefaultRegion, accounts.AllowedCountries));
        services.AddSingleton<DummyPassword>();
        services.AddScoped<SignInAttempt>();
        services.AddScoped<AccountService>();
        services.AddScoped<AccountMail>();
        services.AddScoped<AccountSeeder>();
        builder.AddAccountRateLimits();
        return builder;
    }

    /// <summary>The HTTP endpoints the statically rendered account pages post to.</summary>
    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.MapIdentityEndpoints();
        app.MapVoiceSignIn();
        return app;
    }
}
