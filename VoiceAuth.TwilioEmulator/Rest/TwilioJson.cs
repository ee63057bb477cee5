using System.Globalization;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Recordings;

namespace VoiceAuth.Emulator.Rest;

/// <summary>Resources shaped as Twilio's API returns them (snake_case, RFC 2822 dates, numbers as strings).</summary>
internal static class TwilioJson
{
    public static Dictionary<string, object?> Call(EmulatedCall call)
    {
        var snapshot = call.Snapshot();
        var uri = $"/2010-04-01/Accounts/{call.AccountSid}/Calls/{call.Sid}.json";
        var finished = snapshot.IsFinished;
        var answeredAt = call.AnsweredAt;
        return new()
        {
            ["sid"] = call.Sid,
            ["account_sid"] = call.AccountSid,
            ["date_created"] = Date(call.CreatedAt),
            ["date_updated"] = Date(call.Now),
            ["parent_call_sid"] = null,
            ["to"] = call.Request.To,
            ["to_formatted"] = call.Request.To,
            ["from"] = call.Request.From,
            ["from_formatted"] = call.Request.From,
            ["phone_number_sid"] = null,
            ["status"] = snapshot.Status,
            ["start_time"] = answeredAt is { } start ? Date(start) : null,
            ["end_time"] = finished ? Date(call.Now) : null,
            ["duration"] = finished ? ((int)Math.Ceiling(snapshot.TalkSeconds)).ToString(CultureInfo.InvariantCulture) : null,
            ["price"] = null,
            ["price_unit"] = "USD",
            ["direction"] = "outbound-api",
            ["answered_by"] = snapshot.AnsweredBy,
            ["api_version"] = CallFields.ApiVersion,
            ["forwarded_from"] = null,
            ["group_sid"] = null,
            ["caller_name"] = null,
            ["queue_time"] = "0",
            ["trunk_sid"] = null,
            ["uri"] = uri,
            ["subresource_uris"] = new Dictionary<string, string>
            {
                ["recordings"] = uri.Replace(".json", "/Recordings.json", StringComparison.Ordinal),
            },
        };
    }

    public static Dictionary<string, object?> Recording(string accountSid, StoredRecording recording, string mediaBase)
    {
        var uri = $"/2010-04-01/Accounts/{accountSid}/Recordings/{recording.Sid}.json";
        return new()
        {
            ["sid"] = recording.Sid,
            ["account_sid"] = accountSid,
            ["call_sid"] = recording.CallSid,
            ["conference_sid"] = null,
            ["date_created"] = Date(recording.CreatedAt),
            ["date_updated"] = Date(recording.CreatedAt),
            ["start_time"] = Date(recording.CreatedAt),
            ["duration"] = recording.DurationSeconds.ToString(CultureInfo.InvariantCulture),
            ["price"] = null,
            ["price_unit"] = "USD",
            ["status"] = "completed",
            ["channels"] = 1,
            ["source"] = "RecordVerb",
            ["error_code"] = null,
            ["api_version"] = CallFields.ApiVersion,
            ["uri"] = uri,
            ["media_url"] = $"{mediaBase.TrimEnd('/')}{uri[..^5]}",
            ["encryption_details"] = null,
            ["subresource_uris"] = new Dictionary<string, string>(),
        };
    }

    /// <summary>RFC 2822 as Twilio writes it: <c>Tue, 31 Aug 2010 20:36:28 +0000</c>.</summary>
    public static string Date(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
