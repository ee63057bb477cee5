using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Voiceprints;

/// <summary>
/// Deletes a person's voiceprint everywhere: first in the engine that made it (VoiceIt: the remote user and its
/// enrollments), then here. If the engine cannot be reached the local copy stays, so the deletion can be retried
/// and nothing is left behind at the engine without our knowing.
/// </summary>
public sealed class VoiceprintDeletion(
    IDbContextFactory<AppDbContext> dbFactory,
    VoiceprintStore store,
    BiometricEngines engines,
    IAuditLog audit,
    ILogger<VoiceprintDeletion> logger) : IPersonalDataEraser
{
    /// <summary>Returns null when deleted (or there was nothing), else a plain-words reason.</summary>
    /// <param name="auditAs">The entry to write with the deletion (an administrator's reset); by default the person's own deletion.</param>
    public Task<string?> DeleteAsync(string userId, CancellationToken cancellationToken, AuditEvent? auditAs = null) =>
        DeleteAsync(userId, auditAs ?? new AuditEvent(AuditKind.VoiceprintDeleted, userId, "Succeeded"), cancellationToken);

    private async Task<string?> DeleteAsync(string userId, AuditEvent? entry, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var voiceprint = await VoiceprintStore.FindAsync(db, userId, cancellationToken);
        if (voiceprint is null)
        {
            return null;
        }

        var engine = engines.Find(voiceprint.Engine);
        if (engine is null)
        {
            // The engine is no longer configured (e.g. switched from VoiceIt to local): we cannot reach it.
            logger.LogWarning("Voiceprint made by engine {Engine}, which is not configured, deleted locally only.", voiceprint.Engine);
        }
        else
        {
            var result = await engine.DeleteAsync(store.Unprotect(voiceprint), cancellationToken);
            if (!result.Succeeded && result.Reason != ReasonCode.ProfileNotFound)
            {
                logger.LogWarning("The {Engine} engine could not delete a voiceprint: {Reason}.", voiceprint.Engine, result.Reason);
                return "The voice engine could not be reached to delete your voiceprint. Nothing was deleted; please try again in a few minutes.";
            }
        }

        db.Voiceprints.Remove(voiceprint);
        if (await db.Users.FindAsync([userId], cancellationToken) is { } user)
        {
            user.TwoFactorEnabled = false; // no voiceprint, no voice factor
        }

        if (entry is not null)
        {
            audit.Add(db, entry with { Detail = entry.Detail ?? $"engine {voiceprint.Engine}" });
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("A voiceprint was deleted.");
        return null;
    }

    // Part of an account deletion, which writes the one audit entry itself.
    Task<string?> IPersonalDataEraser.EraseAsync(string userId, CancellationToken cancellationToken) => DeleteAsync(userId, null, cancellationToken);
}
