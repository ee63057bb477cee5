namespace VoiceAuth.Portal.Data;

/// <summary>
/// How far a person's voiceprint has come, as the database keeps it on the account (<see cref="ApplicationUser.VoiceStage"/>).
/// The numbers are written by the <c>Voiceprints</c> triggers (AccountVoiceStatus migrations): never renumber.
/// </summary>
public enum VoiceStage
{
    /// <summary>No voiceprint, or one with no enrollment yet.</summary>
    None = 0,

    Enrolling = 1,

    Enrolled = 2,
}
