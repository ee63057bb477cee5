using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace VoiceAuth.Portal.Telemetry;

/// <summary>
/// Last stop before export for every span: addresses lose their query string (reset and confirmation links carry
/// tokens there) and Twilio recording and account ids in paths are masked — a recording's address plus the
/// account's credentials is the caller's voice. Applies to the HTTP instrumentations' attributes, old and new names.
/// </summary>
internal sealed partial class UrlScrubber : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "url.path", "http.url", "http.target"];

    public override void OnEnd(Activity activity)
    {
        foreach (var tag in UrlTags)
        {
            if (activity.GetTagItem(tag) is string value)
            {
                activity.SetTag(tag, Scrub(value));
            }
        }

        if (activity.GetTagItem("url.query") is not null)
        {
            activity.SetTag("url.query", null);
        }

        activity.DisplayName = Scrub(activity.DisplayName);
    }

    /// <summary>The address without its query string or fragment, Twilio ids masked.</summary>
    public static string Scrub(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        var path = end < 0 ? url : url[..end];
        return TwilioSid().Replace(path, m => m.Value[..2] + "{sid}");
    }

    [GeneratedRegex("(?<![0-9A-Za-z])(RE|AC)[0-9a-fA-F]{32}")]
    private static partial Regex TwilioSid();
}
