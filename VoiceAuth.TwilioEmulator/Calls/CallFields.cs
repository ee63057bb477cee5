namespace VoiceAuth.Emulator.Calls;

/// <summary>The parameters Twilio sends with every request about a call.</summary>
internal static class CallFields
{
    public const string ApiVersion = "2010-04-01";

    public static List<KeyValuePair<string, string>> Common(EmulatedCall call, string callStatus)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("AccountSid", call.AccountSid),
            new("ApiVersion", ApiVersion),
            new("CallSid", call.Sid),
            new("CallStatus", callStatus),
            new("Called", call.Request.To),
            new("Caller", call.Request.From),
            new("Direction", "outbound-api"),
            new("From", call.Request.From),
            new("To", call.Request.To),
        ];
        if (call.AnsweredBy is { } answeredBy && !call.Request.AsyncAmd)
        {
            fields.Add(new("AnsweredBy", answeredBy));
        }

        return fields;
    }
}
