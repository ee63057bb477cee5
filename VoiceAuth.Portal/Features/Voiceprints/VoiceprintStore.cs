using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Voiceprints;

/// <summary>
/// Reads and writes voiceprints, encrypting the engine's state at rest with Data Protection so that a copy of
/// the database alone reveals no biometric data.
/// </summary>
public sealed class VoiceprintStore(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("VoiceAuth.Voiceprints.v1");

    public VoiceprintState Unprotect(Voiceprint voiceprint) =>
        new(voiceprint.Engine, protector.Unprotect(voiceprint.ProtectedState), voiceprint.EnrollmentCount, voiceprint.IsComplete);

    /// <summary>Stores a new engine state on the entity (not saved: the caller's unit of work saves it).</summary>
    public void Protect(Voiceprint voiceprint, VoiceprintState state)
    {
        voiceprint.Engine = state.Engine;
        voiceprint.ProtectedState = protector.Protect(state.Data);
        voiceprint.EnrollmentCount = state.EnrollmentCount;
        if (state.IsComplete && !voiceprint.IsComplete)
        {
            voiceprint.EnrolledAt = clock.GetUtcNow();
        }

        voiceprint.IsComplete = state.IsComplete;
        voiceprint.UpdatedAt = clock.GetUtcNow();
        voiceprint.Version++;
    }

    public static Task<Voiceprint?> FindAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Voiceprints.SingleOrDefaultAsync(v => v.UserId == userId, cancellationToken);
}
