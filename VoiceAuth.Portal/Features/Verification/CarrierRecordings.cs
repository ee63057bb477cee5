using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Telephony;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>Deletes a call's recording at the carrier and remembers that it is gone (voice data must not linger there).</summary>
public sealed partial class CarrierRecordings(IDbContextFactory<AppDbContext> dbFactory, ITelephony telephony, ILogger<CarrierRecordings> logger)
{
    /// <summary>True when the carrier no longer holds the recording; false when it could not be reached (try again later).</summary>
    public async Task<bool> DeleteAsync(long id, string recordingSid, CancellationToken cancellationToken)
    {
        try
        {
            if (!await telephony.DeleteRecordingAsync(recordingSid, cancellationToken))
            {
                return false;
            }
        }
        catch (Exception e) when (e is HttpRequestException or Twilio.Exceptions.ApiException or Twilio.Exceptions.ApiConnectionException)
        {
            LogDeleteFailed(e.GetType().Name);
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WriteAsync(() => db.Recordings.Where(r => r.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.DeletedAtCarrier, true), cancellationToken), cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting a recording at the carrier failed ({Error}); it will be tried again.")]
    private partial void LogDeleteFailed(string error);
}
