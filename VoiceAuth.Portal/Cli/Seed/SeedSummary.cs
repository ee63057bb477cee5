namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>What a seeding run wrote.</summary>
internal sealed record SeedSummary(int Users, int Voiceprints, int Sessions, int AuditRows, TimeSpan Elapsed);
