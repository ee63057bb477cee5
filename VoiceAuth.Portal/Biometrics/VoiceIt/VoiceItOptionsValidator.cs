using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

internal sealed partial class VoiceItOptionsValidator : IValidateOptions<VoiceItOptions>
{
    private const string Prefix = VoiceItOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, VoiceItOptions options)
    {
        List<string> failures = [];

        // The values are never echoed: a near-miss key or token is still a secret.
        if (!ApiKeyPattern().IsMatch(options.ApiKey ?? ""))
        {
            failures.Add($"{Prefix}ApiKey must look like key_ followed by 32 characters (set it with user-secrets or an environment variable).");
        }

        if (!ApiTokenPattern().IsMatch(options.ApiToken ?? ""))
        {
            failures.Add($"{Prefix}ApiToken must look like tok_ followed by 32 characters (set it with user-secrets or an environment variable).");
        }

        if (!LanguagePattern().IsMatch(options.ContentLanguage ?? ""))
        {
            failures.Add($"{Prefix}ContentLanguage must be a content language such as 'en-US' (was '{options.ContentLanguage}').");
        }

        if (string.IsNullOrWhiteSpace(options.Phrase) || options.Phrase.Length > 200)
        {
            failures.Add($"{Prefix}Phrase must be the passphrase approved for the account, e.g. 'Never forget tomorrow is a new day'.");
        }

        if (!IsAcceptableBaseUrl(options.BaseUrl))
        {
            failures.Add($"{Prefix}BaseUrl must be an absolute https URL such as https://api.voiceit.io (http only for loopback) (was '{options.BaseUrl}').");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Prefix}RequestTimeout must be greater than zero and at most 00:05:00 (was {options.RequestTimeout}).");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"{Prefix}MaxAttempts must be between 1 and 10 (was {options.MaxAttempts}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay
            || options.RetryMaxDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Prefix}RetryBaseDelay and {Prefix}RetryMaxDelay must satisfy 0 <= RetryBaseDelay <= RetryMaxDelay <= 00:01:00.");
        }

        if (options.MaxRecordingBytes is < 1024 or > 50 * 1024 * 1024)
        {
            failures.Add($"{Prefix}MaxRecordingBytes must be between 1024 and 52428800 (was {options.MaxRecordingBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAcceptableBaseUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment)
        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));

    [GeneratedRegex("^key_[A-Za-z0-9]{32}$")]
    private static partial Regex ApiKeyPattern();

    [GeneratedRegex("^tok_[A-Za-z0-9]{32}$")]
    private static partial Regex ApiTokenPattern();

    // en-US, pt-BR, fr-FR, and VoiceIt's no-STT (no speech-to-text).
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguagePattern();
}
