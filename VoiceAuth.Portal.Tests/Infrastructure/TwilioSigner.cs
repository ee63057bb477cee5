using System.Security.Cryptography;
using System.Text;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>
/// Computes X-Twilio-Signature independently of the SDK (HMAC-SHA1 over the URL and the sorted POST fields),
/// so the tests check the portal against Twilio's documented algorithm rather than against itself.
/// </summary>
public static class TwilioSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio chose HMAC-SHA1; the test must compute exactly that.
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    /// <summary>POSTs a webhook as Twilio would: form-encoded and signed over <paramref name="signedUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostSignedAsync(this HttpClient client, string authToken, string path, IDictionary<string, string> fields, string? signedUrl = null)
    {
        var url = signedUrl ?? new Uri(client.BaseAddress!, path).AbsoluteUri;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Twilio-Signature", Sign(authToken, url, fields));
        return await client.SendAsync(request);
    }
}
