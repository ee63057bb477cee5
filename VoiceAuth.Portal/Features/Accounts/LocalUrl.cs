namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>Whether a return address stays on this site; anything else goes home instead of to another site (or a 500).</summary>
public static class LocalUrl
{
    /// <summary>
    /// True for a path on this site: <c>/x</c> or base-relative <c>x/y</c>. False for <c>//host</c>, <c>/\host</c>,
    /// anything with a scheme (<c>https:</c>, <c>javascript:</c>), backslashes or control characters (browsers drop a
    /// tab or newline, turning <c>/&#9;/evil</c> into <c>//evil</c>).
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Any(c => char.IsControl(c) || c == '\\') || url.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        if (url[0] == '/')
        {
            return true;
        }

        // Base-relative: a colon before the first '/', '?' or '#' would make the start a scheme.
        var end = url.IndexOfAny(['/', '?', '#']);
        return !(end < 0 ? url : url[..end]).Contains(':', StringComparison.Ordinal);
    }

    /// <summary>The address itself when local, otherwise the home page (base-relative <c>""</c>).</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "";
}
