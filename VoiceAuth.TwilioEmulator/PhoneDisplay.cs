using PhoneNumbers;

namespace VoiceAuth.Emulator;

/// <summary>How the emulator shows numbers: masked in logs and API errors, formatted for people on the softphone.</summary>
internal static class PhoneDisplay
{
    /// <summary>Country code and last two digits only, e.g. <c>+1•••••88</c>: logs must not hold full numbers.</summary>
    public static string Mask(string? e164) =>
        string.IsNullOrEmpty(e164) || e164.Length < 5 ? "(none)" : $"{e164[..2]}•••••{e164[^2..]}";

    /// <summary>The number in international format, e.g. <c>+1 201-555-0123</c>.</summary>
    public static string Display(string e164)
    {
        try
        {
            return PhoneNumberUtil.GetInstance().Format(PhoneNumberUtil.GetInstance().Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
