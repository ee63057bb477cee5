using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>Section <c>Verification</c>: the phone flow's limits. Outbound calls cost money; every limit is per person.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>The passphrase callers say (engines in text-dependent mode check it).</summary>
    public string Phrase { get; set; } = "Never forget tomorrow is a new day";

    /// <summary>A session (and its one call) is void after this long.</summary>
    public int SessionMinutes { get; set; } = 10;

    /// <summary>Calls one person — and, separately, one phone number across all accounts — may get within <see cref="CallWindowMinutes"/>.</summary>
    public int CallsPerWindow { get; set; } = 3;

    public int CallWindowMinutes { get; set; } = 10;

    /// <summary>Calls one person (and one number) may get per day.</summary>
    public int CallsPerDay { get; set; } = 20;

    /// <summary>Calls live at once across the whole portal (a cost ceiling).</summary>
    public int MaxActiveCalls { get; set; } = 100;

    /// <summary>Calls the portal's pages may ask for from one network address per hour (API clients have <c>Api:CallsPerMinute</c>).</summary>
    public int CallsPerAddressPerHour { get; set; } = 10;

    /// <summary>Calls the whole portal may place per hour: a ceiling on what abuse or a bug can cost.</summary>
    public int CallsPerHour { get; set; } = 300;

    /// <summary>Recordings re-asked in one call because they could not be used (noise, silence, …).</summary>
    public int MaxRetriesPerCall { get; set; } = 3;

    /// <summary>Tries to match in one verification call.</summary>
    public int VerifyAttemptsPerCall { get; set; } = 2;

    /// <summary>Consecutive failed verifications (across calls) that lock voice verification (NIST SP 800-63B: at most 5).</summary>
    public int LockoutFailures { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 30;

    /// <summary>
    /// Days finished sessions (the call history: who was called when, outcome, reason, score) are kept before the
    /// retention sweeper deletes them with their events and recording rows. At least 2: the call limits look back a day.
    /// </summary>
    public int RetentionDays { get; set; } = 90;
}

internal sealed class VerificationOptionsValidator : IValidateOptions<VerificationOptions>
{
    public ValidateOptionsResult Validate(string? name, VerificationOptions o)
    {
        List<string> failures = [];
        void Range(int value, int min, int max, string key)
        {
            if (value < min || value > max)
            {
                failures.Add($"Verification:{key} must be between {min} and {max} (was {value}).");
            }
        }

        if (string.IsNullOrWhiteSpace(o.Phrase) || o.Phrase.Length > 100)
        {
            failures.Add("Verification:Phrase must be a sentence of at most 100 characters.");
        }

        Range(o.SessionMinutes, 2, 60, nameof(o.SessionMinutes));
        Range(o.CallsPerWindow, 1, 10_000, nameof(o.CallsPerWindow));
        Range(o.CallWindowMinutes, 1, 1440, nameof(o.CallWindowMinutes));
        Range(o.CallsPerDay, 1, 100_000, nameof(o.CallsPerDay));
        Range(o.MaxActiveCalls, 1, 100_000, nameof(o.MaxActiveCalls));
        Range(o.CallsPerAddressPerHour, 1, 100_000, nameof(o.CallsPerAddressPerHour));
        Range(o.CallsPerHour, 1, 1_000_000, nameof(o.CallsPerHour));
        Range(o.MaxRetriesPerCall, 0, 10, nameof(o.MaxRetriesPerCall));
        Range(o.VerifyAttemptsPerCall, 1, 5, nameof(o.VerifyAttemptsPerCall));
        Range(o.LockoutFailures, 1, 10, nameof(o.LockoutFailures));
        Range(o.LockoutMinutes, 1, 1440, nameof(o.LockoutMinutes));
        Range(o.RetentionDays, 2, 36_500, nameof(o.RetentionDays));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
