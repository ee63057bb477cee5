namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>The provider's addresses and the values it documents (docs/oidc.md).</summary>
public static class VoiceAuthOidc
{
    /// <summary>The authentication context of a fresh phone-callback voice verification, asked for with <c>acr_values</c>.</summary>
    public const string VoiceAcr = "urn:voiceauth:voice";

    /// <summary>RFC 8176 method values: the confirmed callback to the person's phone, the voice biometric, the password.</summary>
    public const string AmrTelephone = "tel";

    public const string AmrVoiceBiometric = "vbm";

    public const string AmrPassword = "pwd";

    public const string AuthorizationPath = "/connect/authorize";
    public const string PushedAuthorizationPath = "/connect/par";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string EndSessionPath = "/connect/endsession";
    public const string VoiceStepPath = "/connect/voice";
}
