namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>Where a seeded person stands with voice biometrics.</summary>
internal enum SeedVoice
{
    None,
    Enrolling,
    Enrolled,
    Locked,
}

/// <summary>A seeded account as the call generator needs it.</summary>
internal sealed record SeedPerson(string Id, string Email, string Phone, long CreatedAt, SeedVoice Voice, bool VoiceFactorOn, bool Confirmed);
