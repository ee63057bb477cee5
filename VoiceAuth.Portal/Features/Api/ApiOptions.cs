using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Features.Api;

/// <summary>
/// Section <c>Api</c>: the applications whose login pages may ask VoiceAuth to verify one of their users by
/// phone. Each has a name (shown in logs and stored on its sessions) and a secret key it sends as a bearer token.
/// Keys belong in user-secrets or environment variables (<c>Api__Clients__0__Key</c>), never in a committed file.
/// No clients configured: the API answers 401 to everyone.
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public List<ApiClient> Clients { get; set; } = [];

    /// <summary>
    /// Verification calls one client may ask for per minute. Per-person limits already apply; this one caps what a
    /// leaked key could cost (calls are paid for) and how fast it could ring through a user list.
    /// </summary>
    public int CallsPerMinute { get; set; } = 30;

    /// <summary>The longest a status request may wait for the next step (long polling), in seconds.</summary>
    public int MaxWaitSeconds { get; set; } = 25;
}

public sealed class ApiClient
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>Compared as hashes in constant time: no timing tells how much of a guessed key was right.</summary>
    internal bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(
        SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
}

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>About 190 bits as base64: long enough that guessing is hopeless even without rate limits.</summary>
    public const int MinKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var c = options.Clients[i];
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 64 || !c.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
            {
                failures.Add($"Api:Clients:{i}:Name must be 1–64 letters, digits, '-', '_' or '.'.");
            }

            if (c.Key.Length < MinKeyLength)
            {
                failures.Add($"Api:Clients:{i}:Key must be at least {MinKeyLength} characters (e.g. `openssl rand -base64 32`).");
            }
        }

        foreach (var duplicate in options.Clients.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            failures.Add($"Api:Clients names must be unique; '{duplicate.Key}' appears {duplicate.Count()} times.");
        }

        if (options.CallsPerMinute < 1)
        {
            failures.Add("Api:CallsPerMinute must be at least 1.");
        }

        if (options.MaxWaitSeconds is < 0 or > 60)
        {
            failures.Add("Api:MaxWaitSeconds must be between 0 and 60.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
