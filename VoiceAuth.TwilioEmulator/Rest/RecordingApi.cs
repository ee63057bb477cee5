namespace VoiceAuth.Emulator.Rest;

/// <summary>Recordings: the WAV media, the JSON resource, and deletion (the audio is gone; the entry remains as proof).</summary>
internal sealed class RecordingApi(TwilioEmulator emulator)
{
    public ApiResponse Get(string file, string path)
    {
        var sid = EmulatorRestApi.Sid(file, ".json");
        var media = sid is null ? EmulatorRestApi.Sid(file, ".wav") ?? (file.Contains('.', StringComparison.Ordinal) ? null : file) : null;
        if ((sid ?? media) is not { } key || emulator.Recordings.Find(key) is not { } recording || recording.IsDeleted)
        {
            return file.EndsWith(".mp3", StringComparison.Ordinal)
                ? ApiResponse.Error(404, 20404, "The emulator serves recordings as .wav only.")
                : EmulatorRestApi.NotFound(path);
        }

        if (sid is not null)
        {
            return ApiResponse.Json(200, TwilioJson.Recording(emulator.AccountSid, recording, emulator.Options.RecordingUrlBase));
        }

        // Twilio answers 404 for a moment after the Record action while it processes the audio.
        if (recording.StillProcessing())
        {
            return EmulatorRestApi.NotFound(path);
        }

        return recording.Wav is { } wav ? new ApiResponse(200, "audio/x-wav", wav) : EmulatorRestApi.NotFound(path);
    }

    public ApiResponse Delete(string sid, string path) =>
        emulator.Recordings.Find(sid) is { } recording && recording.Delete(emulator.Time.GetUtcNow())
            ? ApiResponse.NoContent
            : EmulatorRestApi.NotFound(path);
}
