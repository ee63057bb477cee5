namespace VoiceAuth.Portal.Telephony.Twilio;

/// <summary>The fields of a Twilio voice webhook or status callback that the phone flow reads.</summary>
public sealed record TwilioRequest(
    string? CallSid,
    string? CallStatus,
    string? AnsweredBy,
    string? Digits,
    string? RecordingSid,
    string? RecordingUrl,
    int? RecordingDuration,
    int? SequenceNumber)
{
    public static TwilioRequest FromForm(IFormCollection form) => new(
        Value(form, "CallSid"),
        Value(form, "CallStatus"),
        Value(form, "AnsweredBy"),
        Value(form, "Digits"),
        Value(form, "RecordingSid"),
        Value(form, "RecordingUrl"),
        int.TryParse(Value(form, "RecordingDuration"), out var duration) ? duration : null,
        int.TryParse(Value(form, "SequenceNumber"), out var sequence) ? sequence : null);

    private static string? Value(IFormCollection form, string key) =>
        form.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;
}
