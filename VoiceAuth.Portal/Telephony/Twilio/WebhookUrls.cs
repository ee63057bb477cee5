using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Telephony.Twilio;

/// <summary>
/// Absolute webhook addresses as Twilio will request them — the configured public base URL, or (with the
/// emulator and no public URL) the portal's own listening address. Signatures are computed over these.
/// </summary>
public sealed class WebhookUrls(IOptions<TwilioOptions> options, IServer server)
{
    private Uri? baseUri;

    public Uri Base => baseUri ??= Resolve();

    public Uri For(string pathAndQuery) => new(Base, pathAndQuery.TrimStart('/'));

    private Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return WithSlash(new Uri(options.Value.PublicBaseUrl));
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return new Uri("http://localhost/"); // the in-memory test server
        }

        // A wildcard binding is not an address anyone can call: use loopback, where the built-in emulator lives.
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost")
            .Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]"));
        return WithSlash(uri.Uri);
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
