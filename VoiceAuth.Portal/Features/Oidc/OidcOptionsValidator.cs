using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Features.Oidc;

/// <param name="apiClientNames">The verification API's client names (<c>Api:Clients:N:Name</c>): a session stores the
/// display name of the application that asked for it, so the two must never coincide.</param>
internal sealed class OidcOptionsValidator(IReadOnlyCollection<string> apiClientNames) : IValidateOptions<OidcOptions>
{
    /// <summary>Long enough that guessing is hopeless, like the API's keys.</summary>
    public const int MinSecretLength = 32;

    public static readonly string[] KnownScopes = ["email", "profile"];

    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var c = options.Clients[i];
            var key = $"{OidcOptions.Section}:Clients:{i}";
            if (string.IsNullOrWhiteSpace(c.ClientId) || c.ClientId.Length > 100 || !c.ClientId.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
            {
                failures.Add($"{key}:ClientId must be 1–100 letters, digits, '-', '_' or '.'.");
            }

            if (c.ClientSecret.Length < MinSecretLength)
            {
                failures.Add($"{key}:ClientSecret must be at least {MinSecretLength} characters (e.g. `openssl rand -base64 32`).");
            }

            if (string.IsNullOrWhiteSpace(c.DisplayName) || c.DisplayName.Length > 64)
            {
                failures.Add($"{key}:DisplayName must be 1–64 characters: the phone says it.");
            }
            else if (apiClientNames.Contains(c.DisplayName.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{key}:DisplayName '{c.DisplayName}' is also an API client's name (Api:Clients); choose another.");
            }

            if (c.RedirectUris.Count == 0)
            {
                failures.Add($"{key}:RedirectUris must name at least one address.");
            }

            foreach (var uri in c.RedirectUris.Concat(c.PostLogoutRedirectUris))
            {
                if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http") || parsed.Fragment.Length > 0)
                {
                    failures.Add($"{key}: '{uri}' is not an absolute http(s) address without a fragment.");
                }
            }

            foreach (var scope in c.Scopes.Where(s => !KnownScopes.Contains(s)))
            {
                failures.Add($"{key}:Scopes: '{scope}' is not one of {string.Join(", ", KnownScopes)}.");
            }
        }

        foreach (var duplicate in options.Clients.GroupBy(c => c.ClientId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"{OidcOptions.Section}:Clients client ids must be unique; '{duplicate.Key}' appears {duplicate.Count()} times.");
        }

        foreach (var duplicate in options.Clients.GroupBy(c => c.DisplayName.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1 && g.Key.Length > 0))
        {
            failures.Add($"{OidcOptions.Section}:Clients display names must be unique; '{duplicate.Key}' appears {duplicate.Count()} times.");
        }

        if (options.RequestLifetimeSeconds is < 60 or > 3600)
        {
            failures.Add($"{OidcOptions.Section}:RequestLifetimeSeconds must be between 60 and 3600.");
        }

        if (options.KeyRotationDays is < 1 or > 365)
        {
            failures.Add($"{OidcOptions.Section}:KeyRotationDays must be between 1 and 365.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
