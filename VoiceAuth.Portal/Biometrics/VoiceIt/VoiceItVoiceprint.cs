using System.Text.Json;
using System.Text.RegularExpressions;

namespace VoiceAuth.Portal.Biometrics.VoiceIt;

/// <summary>
/// What a VoiceIt voiceprint is on our side: the remote userId and how many enrollments VoiceIt accepted.
/// Stored as small versioned JSON (<c>{"v":1,"userId":"usr_…","enrollments":2}</c>) inside
/// <see cref="VoiceprintState.Data"/>, which the storage layer encrypts; the biometric model stays at VoiceIt.
/// </summary>
internal sealed partial record VoiceItVoiceprint(string UserId, int Enrollments)
{
    public const string Engine = "voiceit";
    public const int RequiredEnrollments = 3;
    private const int Version = 1;

    public VoiceItVoiceprint WithOneMoreEnrollment() => this with { Enrollments = Enrollments + 1 };

    public VoiceprintState ToState()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteString("userId", UserId);
            writer.WriteNumber("enrollments", Enrollments);
            writer.WriteEndObject();
        }

        return new VoiceprintState(Engine, buffer.ToArray(), Enrollments, Enrollments >= RequiredEnrollments);
    }

    /// <summary>Reads a stored state; null when it belongs to another engine, another version, or is damaged.</summary>
    public static VoiceItVoiceprint? TryRead(VoiceprintState state)
    {
        if (state.Engine != Engine)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(state.Data);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("v", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == Version
                && root.TryGetProperty("userId", out var userId) && userId.ValueKind == JsonValueKind.String
                && IsUserId(userId.GetString())
                && root.TryGetProperty("enrollments", out var count) && count.ValueKind == JsonValueKind.Number
                && count.TryGetInt32(out var enrollments) && enrollments >= 0)
            {
                return new VoiceItVoiceprint(userId.GetString()!, enrollments);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            // Damaged state is reported as a result, like every other failure.
        }

        return null;
    }

    /// <summary>VoiceIt's user ids: <c>usr_</c> and 32 letters or digits.</summary>
    public static bool IsUserId(string? value) => value is not null && UserIdPattern().IsMatch(value);

    [GeneratedRegex("^usr_[A-Za-z0-9]{32}$")]
    private static partial Regex UserIdPattern();
}
