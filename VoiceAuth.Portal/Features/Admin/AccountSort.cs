namespace VoiceAuth.Portal.Features.Admin;

/// <summary>The columns the accounts grid sorts by, each backed by an index or a per-person subquery on one.</summary>
public enum AccountSort
{
    Email,
    Created,
    Failures,
    LastVerification,
}
