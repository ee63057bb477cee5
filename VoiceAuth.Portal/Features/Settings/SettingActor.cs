namespace VoiceAuth.Portal.Features.Settings;

/// <summary>The administrator changing a setting (the audit log adds the request's address).</summary>
public sealed record SettingActor(string UserId, string? Email);
