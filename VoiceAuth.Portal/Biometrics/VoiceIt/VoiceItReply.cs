using System.Globalization;
using System.Text.Json;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>How a call to VoiceIt ended, after any retries.</summary>
internal enum VoiceItOutcome
{
    /// <summary>VoiceIt answered with JSON carrying a <c>responseCode</c>.</summary>
    Answered,
    /// <summary>An HTTP answer that is not VoiceIt's JSON (a proxy's page, a truncated body).</summary>
    Unreadable,
    /// <summary>Timeouts, dropped connections or 5xx on every attempt.</summary>
    Unavailable,
}

/// <summary>The fields of VoiceIt's JSON answers that the provider reads (every answer repeats status and code).</summary>
internal sealed record VoiceItResponse(
    string ResponseCode,
    string? Message,
    int? Status,
    string? TimeTaken,
    string? ApiCallId,
    string? UserId,
    double? Confidence,
    string? Text,
    double? TextConfidence,
    int? Count = null)
{
    /// <summary>
    /// Reads an answer leniently (numbers may arrive as strings, unknown fields are ignored) but insists on a
    /// <c>responseCode</c>: without one nothing can be decided, whatever the HTTP status says.
    /// </summary>
    public static VoiceItResponse? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "responseCode") is not { Length: > 0 } code)
            {
                return null;
            }

            return new VoiceItResponse(
                code,
                String(root, "message"),
                Number(root, "status") is { } status ? (int)status : null,
                String(root, "timeTaken"),
                String(root, "apiCallId"),
                String(root, "userId"),
                Number(root, "confidence"),
                String(root, "text"),
                Number(root, "textConfidence"),
                Number(root, "count") is { } count ? (int)count : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }
}

/// <summary>One call's end: the outcome, the last HTTP status seen (0 when none), and the parsed answer.</summary>
internal sealed record VoiceItReply(VoiceItOutcome Outcome, int HttpStatus, VoiceItResponse? Body, int Attempts)
{
    /// <summary>An upload that left but got no usable answer: VoiceIt may have acted on it (an enrollment stored).</summary>
    public bool MayHaveBeenProcessed { get; init; }

    public string? Code => Body?.ResponseCode;

    public bool IsSuccess => Outcome == VoiceItOutcome.Answered && Body?.ResponseCode == VoiceItCodes.Success;
}
