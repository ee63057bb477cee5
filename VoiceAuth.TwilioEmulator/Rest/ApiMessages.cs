using System.Text;
using System.Text.Json;
using VoiceAuth.Emulator.Calls;

namespace VoiceAuth.Emulator.Rest;

/// <param name="Path">The path from <c>/2010-04-01/...</c> on (any mapping prefix removed).</param>
internal sealed record ApiRequest(string Method, string Path, string? Authorization, FormFields Form);

internal sealed record ApiResponse(int Status, string ContentType, byte[] Body)
{
    public static ApiResponse Json(int status, object body) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(body));

    public static ApiResponse NoContent { get; } = new(204, "", []);

    /// <summary>Twilio's error body: <c>{"code", "message", "more_info", "status"}</c>.</summary>
    public static ApiResponse Error(int status, int code, string message) => Json(status, new Dictionary<string, object>
    {
        ["code"] = code,
        ["message"] = message,
        ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
        ["status"] = status,
    });
}
