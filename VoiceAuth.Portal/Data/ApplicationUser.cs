using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace VoiceAuth.Portal.Data;

/// <summary>
/// A person with an account. The verification phone number is Identity's <see cref="IdentityUser.PhoneNumber"/>,
/// always stored in E.164 form (see <c>Features/Accounts/PhoneNumbers</c>).
/// </summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    [PersonalData]
    [MaxLength(DisplayNameMaxLength)]
    public string? DisplayName { get; set; }

    /// <summary>The phone number's last four digits (computed by the database), for the admin search.</summary>
    public string? PhoneLast4 { get; private set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// When the person's newest call was asked for, written in the same save as that call's session: the accounts
    /// grid sorts 100 000 people by it through an index instead of finding each one's newest session.
    /// </summary>
    public DateTimeOffset? LastCallAt { get; set; }

    /// <summary>
    /// The voiceprint's stage, lock and failures in a row, copied onto the account by the database's triggers on
    /// <c>Voiceprints</c> (AccountVoiceStatus migrations) in the same statement as any write to the voiceprint, so the
    /// accounts grid filters and sorts 100 000 people on this table's indexes alone. The voiceprint stays the source of
    /// truth; the portal never writes these (their save behaviours are Ignore, so Identity's whole-row updates of a
    /// user read before a voiceprint change cannot put an old value back).
    /// </summary>
    public VoiceStage VoiceStage { get; private set; }

    /// <inheritdoc cref="VoiceStage"/>
    public DateTimeOffset? VoiceLockedUntil { get; private set; }

    /// <inheritdoc cref="VoiceStage"/>
    public int VoiceFailures { get; private set; }
}
