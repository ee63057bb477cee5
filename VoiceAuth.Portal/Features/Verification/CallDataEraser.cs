using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Account deletion's part for calls: a call still under way is hung up (its webhooks would otherwise keep
/// talking to a person who no longer has an account), and every recording still held by the carrier is deleted
/// there — the session rows that remember them go with the account, so afterwards nothing would.
/// </summary>
public sealed class CallDataEraser(
    IDbContextFactory<AppDbContext> dbFactory,
    VerificationService verification,
    CarrierRecordings carrier) : IPersonalDataEraser
{
    public async Task<string?> EraseAsync(string userId, CancellationToken cancellationToken)
    {
        List<Guid> live;
        List<(long Id, string Sid)> recordings;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            live = await db.Sessions.Where(s => s.UserId == userId && SessionStates.Live.Contains(s.State))
                .Select(s => s.Id).ToListAsync(cancellationToken);
            recordings = (await db.Recordings
                .Where(r => !r.DeletedAtCarrier && db.Sessions.Any(s => s.Id == r.SessionId && s.UserId == userId))
                .Select(r => new { r.Id, r.RecordingSid }).ToListAsync(cancellationToken))
                .Select(r => (r.Id, r.RecordingSid)).ToList();
        }

        foreach (var id in live)
        {
            await verification.CancelAsync(userId, id, cancellationToken);
        }

        foreach (var (id, sid) in recordings)
        {
            if (!await carrier.DeleteAsync(id, sid, cancellationToken))
            {
                return CarrierUnreachable;
            }
        }

        return null;
    }

    private const string CarrierUnreachable =
        "We could not reach the phone company to delete the recordings of your calls, so your account is still here. Try again in a few minutes.";
}
