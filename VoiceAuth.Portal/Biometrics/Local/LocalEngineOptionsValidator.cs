using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Biometrics.Local;

/// <summary>Checks <c>Biometrics:Local</c> at start-up; every message names the key to fix.</summary>
internal sealed class LocalEngineOptionsValidator : IValidateOptions<LocalEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalEngineOptions o)
    {
        const string s = LocalEngineOptions.Section;
        var errors = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add($"{s}:{message}");
            }
        }

        Require(Enum.IsDefined(o.Mode), "Mode must be TextDependent or TextIndependent");
        Require(o.Threshold is >= 0 and <= 100, "Threshold must be between 0 and 100");
        Require(o.Mode != VerificationMode.TextDependent || o.Passphrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3,
            "Passphrase must have at least 3 words in text-dependent mode");
        Require(o.ReplaySimilarity is >= 0.5 and <= 1, "ReplaySimilarity must be between 0.5 and 1");
        Require(o.ReplayHistory is >= 0 and <= 100, "ReplayHistory must be between 0 and 100");
        Require(o.MinSpeechSeconds is >= 0.5 and <= 10, "MinSpeechSeconds must be between 0.5 and 10");
        Require(o.MaxRecordingSeconds is >= 2 and <= 120 && o.MaxRecordingSeconds > o.MinSpeechSeconds,
            "MaxRecordingSeconds must be between 2 and 120 and above MinSpeechSeconds");
        Require(o.MaxFileBytes is >= 1024 and <= 64 * 1024 * 1024, "MaxFileBytes must be between 1024 and 67108864");
        Require(o.MinSnrDb is >= 0 and <= 40, "MinSnrDb must be between 0 and 40");
        Require(o.MinSpeechLevelDb is >= -90 and <= -10, "MinSpeechLevelDb must be between -90 and -10");
        Require(o.MaxClippedFraction is >= 0 and <= 1, "MaxClippedFraction must be between 0 and 1");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
