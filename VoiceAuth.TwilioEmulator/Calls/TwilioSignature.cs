using System.Security.Cryptography;
using System.Text;

namespace VoiceAuth.Emulator.Calls;

/// <summary>Twilio's <c>X-Twilio-Signature</c>, computed as Twilio does so that the SDK's RequestValidator accepts it.</summary>
internal static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    /// <summary>Base64(HMAC-SHA1(token, url + every POST field's name and value, ordered by name)).</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> postFields)
    {
        var text = new StringBuilder(url);
        foreach (var (key, value) in postFields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio's signature scheme is HMAC-SHA1; the emulator must produce exactly that
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }
}
