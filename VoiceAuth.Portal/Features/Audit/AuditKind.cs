namespace VoiceAuth.Portal.Features.Audit;

/// <summary>What an audit entry records. Stored by name, so members may be added but never renamed.</summary>
public enum AuditKind
{
    SignInPassword,
    SignInVoice,
    SignInRecoveryCode,
    CallStarted,
    CallEnded,
    ApiRedeem,
    VoiceprintEnrolled,
    VoiceprintDeleted,
    AccountDeleted,
    AdminUnlock,
    AdminResetVoiceprint,
    AdminVoiceFactorOff,
    AdminDisableAccount,
    SettingsChanged,
    ApiClientCreated,
    ApiClientRotated,
    ApiClientRevoked,
    AccountMail,
    ApiStart,
}
