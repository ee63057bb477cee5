using VoiceAuth.Emulator.Calls;

namespace VoiceAuth.Emulator.Twiml;

/// <summary>What happens after a document: fetch another, tell the portal something and end, or end.</summary>
internal sealed record Step(string? Url, string Method, IReadOnlyList<KeyValuePair<string, string>> Fields, CallEndReason EndReason, bool EndsAfterRequest = false)
{
    public bool Ends => Url is null || EndsAfterRequest;

    public static Step Fetch(string url, string method, IReadOnlyList<KeyValuePair<string, string>> fields) =>
        new(url, method, fields, CallEndReason.None);

    /// <summary>A request whose answer Twilio ignores: the caller is gone (the Record action after a hang-up).</summary>
    public static Step NotifyAndEnd(string url, string method, IReadOnlyList<KeyValuePair<string, string>> fields, CallEndReason reason) =>
        new(url, method, fields, reason, EndsAfterRequest: true);

    public static Step End(CallEndReason reason) => new(null, "POST", [], reason);

    /// <summary>An action or redirect URL, relative ones resolved against the current document's URL, as Twilio does.</summary>
    public static string Resolve(string? url, string? documentUrl)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return url!;
        }

        if (documentUrl is not null && Uri.TryCreate(new Uri(documentUrl), url ?? "", out var resolved))
        {
            return resolved.AbsoluteUri;
        }

        throw new TwimlException(11100, $"Invalid URL '{url}': not absolute and no document URL to resolve it against.");
    }
}
