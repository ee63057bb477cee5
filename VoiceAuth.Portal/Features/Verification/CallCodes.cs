using System.Security.Cryptography;
using System.Text;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// The short code a page shows and the person keys on the phone. Four digits: quick to key, and someone rung
/// without having asked (a number typed in by a stranger) has one chance in ten thousand per try of keying it.
/// </summary>
public static class CallCodes
{
    public const int Length = 4;

    /// <summary>Wrong codes allowed in one call before it ends with nothing recorded.</summary>
    public const int MaxAttempts = 2;

    public static string Next() => RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public static bool Matches(string? expected, string? keyed) =>
        expected is not null && keyed is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(keyed));
}
