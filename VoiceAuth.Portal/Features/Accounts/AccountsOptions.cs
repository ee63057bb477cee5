using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>Section <c>Accounts</c>.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>ISO 3166 region assumed for numbers typed without a country code (e.g. <c>US</c>, <c>GB</c>).</summary>
    public string DefaultRegion { get; set; } = "US";

    /// <summary>
    /// ISO 3166 regions whose numbers VoiceAuth may call (a toll-fraud control: calls are paid for). Empty: only
    /// <see cref="DefaultRegion"/>. Checked when a number is saved and again before every call.
    /// </summary>
    public List<string> AllowedCountries { get; set; } = [];

    /// <summary>Seed the documented demo accounts. Honoured only in the Development environment.</summary>
    public bool SeedDemoUsers { get; set; }

    /// <summary>Failed sign-ins before an account is locked for <see cref="LockoutMinutes"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// Account e-mails (confirmation, password reset, "you already have an account") one address receives per hour.
    /// Stops anyone using the forms to flood a mailbox, and the portal's mail server from being judged a spammer.
    /// </summary>
    public int MailsPerAddressPerHour { get; set; } = 5;
}

internal sealed class AccountsOptionsValidator : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        List<string> failures = [];
        if (!PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(options.DefaultRegion ?? ""))
        {
            failures.Add($"Accounts:DefaultRegion must be a two-letter region code such as 'US' or 'GB' (was '{options.DefaultRegion}').");
        }

        var regions = PhoneNumberUtil.GetInstance().GetSupportedRegions();
        for (var i = 0; i < options.AllowedCountries.Count; i++)
        {
            if (!regions.Contains(options.AllowedCountries[i]?.ToUpperInvariant() ?? ""))
            {
                failures.Add($"Accounts:AllowedCountries:{i} must be a two-letter region code such as 'US' or 'GB' (was '{options.AllowedCountries[i]}').");
            }
        }

        if (options.MaxFailedSignIns is < 1 or > 100)
        {
            failures.Add("Accounts:MaxFailedSignIns must be between 1 and 100.");
        }

        if (options.LockoutMinutes is < 1 or > 24 * 60)
        {
            failures.Add("Accounts:LockoutMinutes must be between 1 and 1440.");
        }

        if (options.MailsPerAddressPerHour is < 1 or > 1000)
        {
            failures.Add("Accounts:MailsPerAddressPerHour must be between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
