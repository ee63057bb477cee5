using Microsoft.AspNetCore.Identity;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>The audit entry for one sign-in attempt. The person is the actor too: they are signing themselves in.</summary>
public static class SignInAudit
{
    public static AuditEvent Of(AuditKind kind, ApplicationUser? user, SignInResult result) =>
        new(kind, user?.Id, result switch
        {
            { Succeeded: true } => "Succeeded",
            { RequiresTwoFactor: true } => "SecondFactorRequired",
            { IsLockedOut: true } => "LockedOut",
            { IsNotAllowed: true } => "NotAllowed",
            _ => "Failed",
        })
        {
            SubjectEmail = user?.Email,
            ActorUserId = user?.Id,
            ActorEmail = user?.Email,
        };
}
