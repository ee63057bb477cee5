namespace VoiceAuth.Emulator.Testing;

/// <summary>
/// Rewrites requests for Twilio's REST API (<c>https://api.twilio.com</c>, and its regional/edge hosts such as
/// <c>api.dublin.ie1.twilio.com</c>) to the emulator's base address, keeping path and query. Put it in the
/// HttpClient given to <c>new TwilioRestClient(sid, token, httpClient: new SystemNetHttpClient(httpClient))</c>
/// and in the one that downloads recordings; nothing else in the portal changes between emulator and Twilio.
/// </summary>
public sealed class TwilioApiRedirectHandler : DelegatingHandler
{
    private readonly Func<Uri> baseAddress;

    /// <param name="baseAddress">Where the emulator serves <c>/2010-04-01/...</c>, e.g. <c>http://127.0.0.1:5123/</c> or <c>http://localhost:5000/emulator/twilio/</c>.</param>
    public TwilioApiRedirectHandler(Uri baseAddress)
        : this(() => baseAddress)
    {
    }

    /// <summary>For an address known only once the server listens.</summary>
    public TwilioApiRedirectHandler(Func<Uri> baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        this.baseAddress = baseAddress;
    }

    /// <summary>True for Twilio's REST API host, global or regional.</summary>
    public static bool IsTwilioApi(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.Host;
        return uri.Scheme == Uri.UriSchemeHttps
            && (host.Equals("api.twilio.com", StringComparison.OrdinalIgnoreCase)
                || (host.StartsWith("api.", StringComparison.OrdinalIgnoreCase) && host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase)));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri && IsTwilioApi(uri))
        {
            var target = baseAddress();
            var prefix = target.AbsoluteUri.TrimEnd('/');
            request.RequestUri = new Uri(prefix + uri.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
