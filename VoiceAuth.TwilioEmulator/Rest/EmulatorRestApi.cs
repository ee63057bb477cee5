using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using VoiceAuth.Emulator.Calls;

namespace VoiceAuth.Emulator.Rest;

/// <summary>
/// The part of Twilio's REST API the portal uses, independent of how requests arrive (Kestrel endpoints, or the
/// in-process handler): calls (create, fetch, cancel/hang up) and recordings (media, metadata, delete).
/// </summary>
internal sealed class EmulatorRestApi(TwilioEmulator emulator) : IDisposable
{
    private const string Version = "/2010-04-01/Accounts/";

    private readonly FixedWindowRateLimiter? createLimiter = emulator.Options.CallsPerSecondLimit > 0
        ? new(new() { PermitLimit = emulator.Options.CallsPerSecondLimit, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 })
        : null;

    private readonly RecordingApi recordings = new(emulator);

    public ApiResponse Handle(ApiRequest request)
    {
        if (!request.Path.StartsWith(Version, StringComparison.Ordinal))
        {
            return NotFound(request.Path);
        }

        var parts = request.Path[Version.Length..].Split('/');
        var isMedia = parts is [_, "Recordings", var media] && !media.EndsWith(".json", StringComparison.Ordinal);
        if (!Authenticated(request.Authorization) && !(isMedia && !emulator.Options.RequireAuthForMedia && request.Method == "GET"))
        {
            return ApiResponse.Error(401, 20003, "Authenticate");
        }

        if (parts[0] != emulator.AccountSid)
        {
            return NotFound(request.Path);
        }

        return (request.Method, parts) switch
        {
            ("POST", [_, "Calls.json"]) => Create(request.Form),
            ("GET", [_, "Calls", var call]) when Sid(call, ".json") is { } sid => Fetch(sid, request.Path),
            ("POST", [_, "Calls", var call]) when Sid(call, ".json") is { } sid => Update(sid, request.Form, request.Path),
            ("GET", [_, "Recordings", var file]) => recordings.Get(file, request.Path),
            ("DELETE", [_, "Recordings", var file]) when Sid(file, ".json") is { } sid => recordings.Delete(sid, request.Path),
            (_, [_, "Calls.json" or "Calls" or "Recordings", ..]) => ApiResponse.Error(405, 20004, "Method not allowed"),
            _ => NotFound(request.Path),
        };
    }

    public void Dispose() => createLimiter?.Dispose();

    internal static ApiResponse NotFound(string path) =>
        ApiResponse.Error(404, 20404, $"The requested resource {path} was not found");

    internal static string? Sid(string file, string extension) =>
        file.EndsWith(extension, StringComparison.Ordinal) ? file[..^extension.Length] : null;

    private ApiResponse Create(FormFields form)
    {
        if (createLimiter is not null)
        {
            using var lease = createLimiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                return ApiResponse.Error(429, 20429, "Too Many Requests");
            }
        }

        var parsed = CreateCallParser.Parse(form, emulator.Options);
        if (parsed.Error is { } error)
        {
            return error;
        }

        var call = emulator.Place(parsed.Request!);
        return ApiResponse.Json(201, TwilioJson.Call(call));
    }

    private ApiResponse Fetch(string sid, string path) =>
        emulator.FindCall(sid) is { } call ? ApiResponse.Json(200, TwilioJson.Call(call)) : NotFound(path);

    private ApiResponse Update(string sid, FormFields form, string path)
    {
        if (emulator.FindCall(sid) is not { } call)
        {
            return NotFound(path);
        }

        if (form["Url"] is not null || form["Twiml"] is not null)
        {
            return ApiResponse.Error(400, 20001, "The emulator does not redirect live calls (Url/Twiml); only Status=canceled|completed.");
        }

        var status = call.Status;
        switch (form["Status"])
        {
            case "canceled" when status is CallStatus.Queued or CallStatus.Ringing:
                call.RequestStop(CallEndReason.Canceled);
                break;
            case "completed" when status is CallStatus.Queued or CallStatus.Ringing:
                call.RequestStop(CallEndReason.Canceled);
                break;
            case "completed" when status is CallStatus.InProgress:
                call.RequestStop(CallEndReason.ApiHungUp);
                break;
            case "canceled" or "completed":
                break; // Twilio ignores a cancel of an answered call, and either for a finished one
            case null:
                break;
            default:
                return ApiResponse.Error(400, 21218, $"Invalid Status '{form["Status"]}': use canceled or completed.");
        }

        return ApiResponse.Json(200, TwilioJson.Call(call));
    }

    private bool Authenticated(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{emulator.AccountSid}:{emulator.AuthToken}");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), expected);
    }
}
