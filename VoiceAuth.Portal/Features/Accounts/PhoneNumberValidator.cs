using PhoneNumbers;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>The outcome of checking a phone number typed by a person.</summary>
/// <param name="E164">The number in E.164 form when valid (e.g. <c>+12015550123</c>).</param>
/// <param name="Error">A plain-words explanation when not.</param>
public sealed record PhoneNumberCheck(string? E164, string? Error)
{
    public bool IsValid => E164 is not null;
}

/// <summary>
/// Validates and normalises the number VoiceAuth will call. Only numbers that reach a person's own phone are
/// accepted: premium-rate, shared-cost and similar numbers are refused because every call we place costs money
/// and calling them is the classic toll-fraud abuse of callback services. Only numbers of the operator's allowed
/// countries are accepted (international toll fraud pumps calls to expensive destinations).
/// </summary>
/// <param name="allowedCountries">ISO 3166 regions whose numbers may be called; empty means the default region only.</param>
public sealed class PhoneNumberValidator(string defaultRegion, IReadOnlyCollection<string>? allowedCountries = null)
{
    public const int MaxInputLength = 32;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly HashSet<PhoneNumberType> Callable =
    [
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
        PhoneNumberType.PERSONAL_NUMBER,
        PhoneNumberType.VOIP,
    ];

    public string DefaultRegion { get; } = defaultRegion;

    public IReadOnlySet<string> AllowedCountries { get; } = allowedCountries is { Count: > 0 }
        ? allowedCountries.Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal)
        : new HashSet<string>(StringComparer.Ordinal) { defaultRegion.ToUpperInvariant() };

    /// <summary>A mobile number of the operator's country in international form, for hints: one VoiceAuth would call.</summary>
    public string Example => ExampleFor(DefaultRegion);

    public static string ExampleFor(string region) => Util.GetExampleNumberForType(region.ToUpperInvariant(), PhoneNumberType.MOBILE) is { } example
        ? Util.Format(example, PhoneNumberFormat.INTERNATIONAL)
        : "+1 201 555 0123";

    public PhoneNumberCheck Check(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new(null, "Enter a phone number.");
        }

        if (input.Length > MaxInputLength)
        {
            return new(null, $"A phone number has at most {MaxInputLength} characters.");
        }

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(input, DefaultRegion);
        }
        catch (NumberParseException)
        {
            return new(null, $"That does not look like a phone number. Use the international form, e.g. {Example}.");
        }

        if (!Util.IsValidNumber(parsed))
        {
            return new(null, "That number does not exist in its country's numbering plan. Check the digits and the country code.");
        }

        if (Util.GetRegionCodeForNumber(parsed) is not { } region || !AllowedCountries.Contains(region))
        {
            return new(null, $"VoiceAuth does not call numbers in that country. It calls numbers in: {string.Join(", ", AllowedCountries.Order())}.");
        }

        var type = Util.GetNumberType(parsed);
        if (!Callable.Contains(type))
        {
            return new(null, type switch
            {
                PhoneNumberType.FIXED_LINE => "That is a landline. VoiceAuth calls your mobile phone: enter a mobile number.",
                PhoneNumberType.PREMIUM_RATE or PhoneNumberType.SHARED_COST or PhoneNumberType.TOLL_FREE or PhoneNumberType.UAN
                    => "VoiceAuth cannot call premium-rate, shared-cost or toll-free numbers. Enter your own mobile number.",
                _ => "VoiceAuth can only call a personal mobile number. Enter your mobile number.",
            });
        }

        return new(Util.Format(parsed, PhoneNumberFormat.E164), null);
    }

    /// <summary>For display and logs: country code and last two digits only, e.g. <c>+1 ••• •• 23</c>.</summary>
    public static string Mask(string? e164) =>
        string.IsNullOrEmpty(e164) || e164.Length < 5
            ? "(none)"
            : $"{e164[..2]}•••••{e164[^2..]}";

    /// <summary>For people: the number in international format, e.g. <c>+1 201-555-0123</c>.</summary>
    public static string Display(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
