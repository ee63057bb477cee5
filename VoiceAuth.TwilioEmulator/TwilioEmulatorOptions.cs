using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Emulator;

/// <summary>
/// Section <c>Twilio:Emulator</c>: the built-in fake Twilio, active only while <c>Twilio:AccountSid</c> and
/// <c>Twilio:AuthToken</c> are not both configured. See docs/emulator.md.
/// </summary>
public sealed class TwilioEmulatorOptions
{
    public const string Section = "Twilio:Emulator";

    /// <summary>The account SID the emulator accepts (HTTP Basic user name) and reports in every request.</summary>
    public string AccountSid { get; set; } = "AC00000000000000000000000000e0e0e0";

    /// <summary>
    /// The auth token the emulator accepts and signs webhooks with. Empty: a random token per process, so that no
    /// well-known secret can forge webhooks (read it from <see cref="TwilioEmulator.AuthToken"/>).
    /// </summary>
    public string? AuthToken { get; set; }

    /// <summary>The emulator's own numbers (E.164); a call's <c>From</c> must be one of them.</summary>
    public string[] PhoneNumbers { get; set; } = ["+15005550006"];

    /// <summary>Where the REST API is mapped inside its host, e.g. <c>/emulator/twilio</c>.</summary>
    public string PathPrefix { get; set; } = "/emulator/twilio";

    /// <summary>
    /// The base of the <c>RecordingUrl</c> the emulator reports. Twilio's own host by default, so the portal's
    /// downloader reaches it exactly as it would reach Twilio (through the in-process handler or a redirecting one).
    /// </summary>
    public string RecordingUrlBase { get; set; } = "https://api.twilio.com";

    /// <summary>Seconds a voice webhook may take before the caller hears "an application error has occurred".</summary>
    public int WebhookTimeoutSeconds { get; set; } = 15;

    /// <summary>Create-call requests allowed per second before 429 / error 20429; 0 = unlimited.</summary>
    public int CallsPerSecondLimit { get; set; }

    /// <summary>Number prefixes (E.164, e.g. <c>+882</c>) refused with error 21215 (geographic permission).</summary>
    public string[] BlockedPrefixes { get; set; } = [];

    /// <summary>Recordings downloads require HTTP Basic auth, as an account with media auth enabled does.</summary>
    public bool RequireAuthForMedia { get; set; } = true;

    /// <summary>Recordings kept at most this long when the portal never deletes them (memory stays bounded).</summary>
    public int RecordingRetentionMinutes { get; set; } = 30;

    /// <summary>Recordings kept at most; the oldest are evicted first.</summary>
    public int MaxRecordings { get; set; } = 2000;

    /// <summary>Finished calls kept for inspection (<see cref="TwilioEmulator.GetCall"/>); the oldest are forgotten.</summary>
    public int MaxFinishedCalls { get; set; } = 2000;

    /// <summary>Speaking rate used to estimate how long a &lt;Say&gt; takes.</summary>
    public double WordsPerSecond { get; set; } = 2.5;

    /// <summary>
    /// Real seconds a scripted call spends per simulated second of prompts, pauses, key presses and speech (0–1;
    /// 1 is real time). Scripts keep a simulated clock, but the portal works while the caller listens (it scores a
    /// recording during "Checking."); a little real time keeps that overlap, and keeps scripts from polling the
    /// portal in a tight loop. Ringing stays instant.
    /// </summary>
    public double ScriptedTimeScale { get; set; } = 0.05;

    public EmulatorFaults Faults { get; set; } = new();
}

/// <summary>Section <c>Twilio:Emulator:Faults</c>: misbehaviour Twilio shows in production, on demand.</summary>
public sealed class EmulatorFaults
{
    /// <summary>Every status callback is delivered twice.</summary>
    public bool DuplicateStatusCallbacks { get; set; }

    /// <summary>Status callbacks are delivered pairwise swapped (ringing before initiated, completed before answered).</summary>
    public bool ReorderStatusCallbacks { get; set; }

    /// <summary>Each recording's media answers 404 to this many downloads before it is "available".</summary>
    public int RecordingNotFoundFetches { get; set; }
}

internal sealed partial class TwilioEmulatorOptionsValidator : IValidateOptions<TwilioEmulatorOptions>
{
    private const string P = TwilioEmulatorOptions.Section;

    public ValidateOptionsResult Validate(string? name, TwilioEmulatorOptions o)
    {
        if (o.ScriptedTimeScale is < 0 or > 1)
        {
            return ValidateOptionsResult.Fail($"{P}:ScriptedTimeScale must be between 0 and 1.");
        }

        List<string> failures = [];
        if (!AccountSidPattern().IsMatch(o.AccountSid ?? ""))
        {
            failures.Add($"{P}:AccountSid must be 'AC' followed by 32 hexadecimal characters.");
        }

        if (!string.IsNullOrEmpty(o.AuthToken) && (o.AuthToken.Length < 16 || o.AuthToken.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{P}:AuthToken must be empty (random) or at least 16 characters without spaces.");
        }

        if (o.PhoneNumbers is not { Length: > 0 } || !o.PhoneNumbers.All(n => E164Pattern().IsMatch(n ?? "")))
        {
            failures.Add($"{P}:PhoneNumbers must list at least one number in E.164 form, e.g. +15005550006.");
        }

        if (o.PathPrefix is not { Length: > 1 } || o.PathPrefix[0] != '/' || o.PathPrefix.EndsWith('/'))
        {
            failures.Add($"{P}:PathPrefix must start with '/' and not end with one, e.g. /emulator/twilio.");
        }

        if (!Uri.TryCreate(o.RecordingUrlBase, UriKind.Absolute, out var recordings) || recordings.AbsolutePath != "/")
        {
            failures.Add($"{P}:RecordingUrlBase must be an absolute URL without a path, e.g. https://api.twilio.com.");
        }

        Range(failures, "WebhookTimeoutSeconds", o.WebhookTimeoutSeconds, 1, 60);
        Range(failures, "CallsPerSecondLimit", o.CallsPerSecondLimit, 0, 100_000);
        Range(failures, "RecordingRetentionMinutes", o.RecordingRetentionMinutes, 1, 7 * 24 * 60);
        Range(failures, "MaxRecordings", o.MaxRecordings, 1, 1_000_000);
        Range(failures, "MaxFinishedCalls", o.MaxFinishedCalls, 1, 1_000_000);
        Range(failures, "Faults:RecordingNotFoundFetches", o.Faults?.RecordingNotFoundFetches ?? 0, 0, 100);
        if (o.WordsPerSecond is < 0.5 or > 10)
        {
            failures.Add($"{P}:WordsPerSecond must be between 0.5 and 10.");
        }

        if (o.BlockedPrefixes?.Any(p => !PrefixPattern().IsMatch(p ?? "")) == true)
        {
            failures.Add($"{P}:BlockedPrefixes must be E.164 prefixes such as +882.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{P}:{key} must be between {min} and {max}.");
        }
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    internal static partial Regex E164Pattern();

    [GeneratedRegex(@"^\+[0-9]{1,6}$")]
    private static partial Regex PrefixPattern();
}
