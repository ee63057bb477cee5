using System.Globalization;
using PhoneNumbers;
using VoiceAuth.Emulator.Calls;

namespace VoiceAuth.Emulator.Rest;

/// <summary>
/// Validates <c>POST .../Calls.json</c> the way Twilio does, with Twilio's error codes. Numbers in error messages
/// are masked: API errors end up in logs more often than not.
/// </summary>
internal static class CreateCallParser
{
    private static readonly string[] Events = ["initiated", "ringing", "answered", "completed"];

    public static (CallRequest? Request, ApiResponse? Error) Parse(FormFields form, TwilioEmulatorOptions options)
    {
        var to = form["To"];
        var from = form["From"];
        if (string.IsNullOrWhiteSpace(to))
        {
            return Fail(21201, "No 'To' number is specified");
        }

        if (!IsCallable(to))
        {
            return Fail(21211, $"Invalid 'To' Phone Number: {PhoneDisplay.Mask(to)}");
        }

        if (options.BlockedPrefixes.Any(p => to.StartsWith(p, StringComparison.Ordinal)))
        {
            return Fail(21215, $"Account not authorized to call {PhoneDisplay.Mask(to)}. Perhaps you need to enable some international permissions.");
        }

        if (string.IsNullOrWhiteSpace(from))
        {
            return Fail(21603, "A 'From' phone number is required.");
        }

        if (!TwilioEmulatorOptionsValidator.E164Pattern().IsMatch(from))
        {
            return Fail(21212, $"Invalid From Number (caller ID): {PhoneDisplay.Mask(from)}");
        }

        if (!options.PhoneNumbers.Contains(from, StringComparer.Ordinal))
        {
            return Fail(21210, $"The source phone number provided, {PhoneDisplay.Mask(from)}, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio.");
        }

        var url = form["Url"];
        var twiml = form["Twiml"];
        if (url is null && twiml is null)
        {
            return Fail(21205, "Url parameter is required.");
        }

        if (url is not null && !IsHttpUrl(url))
        {
            return Fail(21205, "Url is not a valid URL.");
        }

        var callback = form["StatusCallback"];
        if (callback is not null && !IsHttpUrl(callback))
        {
            return Fail(21609, "Invalid StatusCallback URL.");
        }

        var amdCallback = form["AsyncAmdStatusCallback"];
        if (amdCallback is not null && !IsHttpUrl(amdCallback))
        {
            return Fail(21609, "Invalid AsyncAmdStatusCallback URL.");
        }

        var events = form.GetAll("StatusCallbackEvent")
            .SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (events.FirstOrDefault(e => !Events.Contains(e)) is { } unknown)
        {
            return Fail(21626, $"Invalid StatusCallbackEvent '{unknown}'.");
        }

        var machineDetection = form["MachineDetection"];
        if (machineDetection is not (null or "Enable" or "DetectMessageEnd"))
        {
            return Fail(21620, "MachineDetection must be Enable or DetectMessageEnd.");
        }

        if (!TryMethod(form["Method"], out var method) || !TryMethod(form["StatusCallbackMethod"], out var callbackMethod)
            || !TryMethod(form["AsyncAmdStatusCallbackMethod"], out var amdMethod))
        {
            return Fail(21222, "Invalid method: use GET or POST.");
        }

        if (!TryInt(form["Timeout"], CallRequest.DefaultTimeout, out var timeout) || !TryInt(form["TimeLimit"], CallRequest.DefaultTimeLimit, out var timeLimit))
        {
            return Fail(21216, "Timeout and TimeLimit must be positive whole numbers of seconds.");
        }

        return (new CallRequest(
            to, from, url, method, twiml, callback, callbackMethod,
            events.Count == 0 ? new HashSet<string>(["completed"]) : events,
            Math.Clamp(timeout, 1, 600), machineDetection,
            string.Equals(form["AsyncAmd"], "true", StringComparison.OrdinalIgnoreCase), amdCallback, amdMethod,
            Math.Min(timeLimit, CallRequest.DefaultTimeLimit)), null);
    }

    private static (CallRequest?, ApiResponse?) Fail(int code, string message) => (null, ApiResponse.Error(400, code, message));

    private static bool IsCallable(string number)
    {
        if (!TwilioEmulatorOptionsValidator.E164Pattern().IsMatch(number))
        {
            return false;
        }

        try
        {
            return PhoneNumberUtil.GetInstance().IsValidNumber(PhoneNumberUtil.GetInstance().Parse(number, null));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static bool TryMethod(string? value, out string method)
    {
        method = (value ?? "POST").ToUpperInvariant();
        return method is "GET" or "POST";
    }

    private static bool TryInt(string? value, int fallback, out int result)
    {
        result = fallback;
        return value is null || (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result) && result > 0);
    }
}
