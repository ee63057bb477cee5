using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// Section <c>Admin</c>: the first administrator. Put the password in user-secrets or an environment variable
/// (<c>Admin__Password</c>), never in appsettings.json; it is used only to create the account if it does not exist.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Email))
        {
            return string.IsNullOrEmpty(options.Password)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Admin:Email is required when Admin:Password is set.");
        }

        if (!System.Net.Mail.MailAddress.TryCreate(options.Email, out _))
        {
            return ValidateOptionsResult.Fail($"Admin:Email is not an e-mail address.");
        }

        return ValidateOptionsResult.Success;
    }
}
