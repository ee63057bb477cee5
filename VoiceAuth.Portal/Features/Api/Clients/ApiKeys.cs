using System.Security.Cryptography;
using System.Text;

namespace VoiceAuth.Portal.Features.Api.Clients;

/// <summary>
/// Keys issued from the admin console: <c>vak_&lt;key id&gt;_&lt;secret&gt;</c>. The key id (16 hex characters) is
/// public and finds the one stored row; the secret is 32 random bytes. Only SHA-256 of the whole key is stored.
/// </summary>
/// <remarks>
/// A fast hash is right here, a password hash (PBKDF2, bcrypt) is not: stretching only slows down guessing, and a
/// 256-bit random secret cannot be guessed however fast the hash — while every API request, including every bogus
/// one an attacker sends, would pay the stretching's CPU. A stolen table of SHA-256 digests of 256-bit random keys
/// gives nothing to invert. The digests are compared in constant time.
/// </remarks>
public static class ApiKeys
{
    public const string Prefix = "vak_";
    private const int KeyIdBytes = 8;
    private const int SecretBytes = 32;

    /// <summary>A new key and its id.</summary>
    public static (string KeyId, string Key) Create()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdBytes));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (keyId, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>The key id of a key in the issued format, or null (a configured key, or garbage).</summary>
    public static string? KeyIdOf(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length < Prefix.Length + (KeyIdBytes * 2) + 2 || key[Prefix.Length + (KeyIdBytes * 2)] != '_')
        {
            return null;
        }

        var id = key.Substring(Prefix.Length, KeyIdBytes * 2);
        return id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Constant-time: how much of a guessed key was right does not show in the time taken.</summary>
    public static bool Matches(string presented, byte[]? storedHash) =>
        storedHash is { Length: SHA256.HashSizeInBytes } && CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);

    /// <summary>How a key is named on screen and in the audit trail: its public id, never the secret.</summary>
    public static string Hint(string keyId) => $"{Prefix}{keyId}_…";
}
