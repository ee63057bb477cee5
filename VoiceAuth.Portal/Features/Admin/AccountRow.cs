using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>One account as an administrator sees it: never the full phone number, never voice data.</summary>
public sealed record AccountRow(
    string Id,
    string Email,
    string MaskedPhone,
    EnrollmentStatus Status,
    string? Engine,
    int EnrollmentCount,
    int Failures,
    DateTimeOffset? LockedUntil,
    bool Disabled,
    bool VoiceFactorOn,
    DateTimeOffset? LastCallAt,
    SessionState? LastOutcome,
    DateTimeOffset CreatedAt);
