using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Telephony.Twilio;

/// <summary>
/// Section <c>Twilio</c>: the real account, or (<see cref="Mode"/> <c>Emulator</c>) the built-in emulator with the
/// same SDK calls and the same signed webhooks.
/// </summary>
public sealed partial class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>
    /// <c>Emulator</c> or <c>Twilio</c>. Unset: <c>Emulator</c> in Development, <c>Twilio</c> everywhere else, so a
    /// deployment that lost its secrets refuses to start instead of answering calls with a fake phone.
    /// </summary>
    public TwilioMode? Mode { get; set; }

    public string? AccountSid { get; set; }

    /// <summary>Secret: user-secrets or the <c>Twilio__AuthToken</c> environment variable, never appsettings.json.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The Twilio number calls come from (E.164).</summary>
    public string? FromNumber { get; set; }

    /// <summary>
    /// The address Twilio uses to reach this portal (e.g. <c>https://voiceauth.example.com</c>); webhooks are
    /// signed over it, so behind a proxy it must be the public one. Required with real Twilio.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Seconds to let the phone ring.</summary>
    public int RingTimeoutSeconds { get; set; } = 30;

    /// <summary>Detect answering machines and end the call without recording (<c>Enable</c>, or empty to skip).</summary>
    public string? MachineDetection { get; set; } = "Enable";

    /// <summary>Hard cap on a call's length, in seconds.</summary>
    public int TimeLimitSeconds { get; set; } = 180;

    /// <summary>The mode in force: <see cref="Mode"/> when an operator set it, else the environment's default.</summary>
    public TwilioMode ModeIn(IHostEnvironment environment) =>
        Mode ?? (environment.IsDevelopment() ? TwilioMode.Emulator : TwilioMode.Twilio);

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    internal static partial Regex AccountSidPattern();

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    internal static partial Regex E164Pattern();
}

/// <param name="environment">Decides the mode when <c>Twilio:Mode</c> is not set.</param>
internal sealed class TwilioOptionsValidator(IHostEnvironment environment) : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions o)
    {
        List<string> failures = [];
        if (o.ModeIn(environment) == TwilioMode.Twilio)
        {
            string[] missing = [.. new[] { ("Twilio:AccountSid", o.AccountSid), ("Twilio:AuthToken", o.AuthToken), ("Twilio:FromNumber", o.FromNumber), ("Twilio:PublicBaseUrl", o.PublicBaseUrl) }
                .Where(setting => string.IsNullOrWhiteSpace(setting.Item2)).Select(setting => setting.Item1)];
            if (missing.Length > 0)
            {
                var why = o.Mode is null ? $"Twilio:Mode is not set, which in the {environment.EnvironmentName} environment means Twilio" : "Twilio:Mode is Twilio";
                failures.Add($"{why}, but {string.Join(", ", missing)} {(missing.Length == 1 ? "is" : "are")} missing. "
                    + "Configure them (user-secrets or environment variables such as Twilio__AuthToken), or set Twilio:Mode to Emulator to run the built-in Twilio emulator, where no phone rings.");
            }

            if (!string.IsNullOrWhiteSpace(o.AccountSid) && !TwilioOptions.AccountSidPattern().IsMatch(o.AccountSid))
            {
                failures.Add("Twilio:AccountSid must be AC followed by 32 hexadecimal characters.");
            }

            if (!string.IsNullOrWhiteSpace(o.FromNumber) && !TwilioOptions.E164Pattern().IsMatch(o.FromNumber))
            {
                failures.Add("Twilio:FromNumber must be your Twilio number in E.164 form, e.g. +15017122661.");
            }

            if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl) && (!Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add("Twilio:PublicBaseUrl must be the portal's public https address that Twilio can reach.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl) && !Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _))
        {
            failures.Add("Twilio:PublicBaseUrl must be an absolute URL.");
        }

        if (o.RingTimeoutSeconds is < 5 or > 600)
        {
            failures.Add("Twilio:RingTimeoutSeconds must be between 5 and 600.");
        }

        if (o.TimeLimitSeconds is < 30 or > 14400)
        {
            failures.Add("Twilio:TimeLimitSeconds must be between 30 and 14400.");
        }

        if (o.MachineDetection is { Length: > 0 } amd && amd is not ("Enable" or "DetectMessageEnd"))
        {
            failures.Add("Twilio:MachineDetection must be Enable, DetectMessageEnd or empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
