using VoiceAuth.Portal.Features.Voiceprints;

namespace VoiceAuth.Portal.Features.Admin;

/// <summary>How the admin pages put an account's state in words.</summary>
internal static class AccountText
{
    public static string Status(AccountRow row) => (row.Disabled ? "Disabled · " : "") + row.Status switch
    {
        EnrollmentStatus.Enrolled => $"Enrolled{(row.VoiceFactorOn ? "" : " (voice off)")}",
        EnrollmentStatus.Enrolling => $"Enrolling {row.EnrollmentCount} of 3",
        EnrollmentStatus.Locked => $"Locked until {row.LockedUntil:HH:mm} UTC",
        _ => "Not enrolled",
    };
}
