using System.Security.Cryptography;
using System.Text;

namespace VoiceAuth.Portal.Biometrics.Local.Voiceprints;

/// <summary>Passphrases compared by their words only (case, punctuation and spacing ignored), stored as a hash.</summary>
internal static class PhraseText
{
    public static string Hash(string phrase)
    {
        var words = phrase.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', words)))[..8]);
    }
}
