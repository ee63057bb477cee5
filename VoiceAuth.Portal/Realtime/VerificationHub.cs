using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Realtime;

/// <summary>What the server calls on a connected client.</summary>
public interface IVerificationClient
{
    /// <summary>One step of a session the client joined; apply in <see cref="SessionUpdate.Sequence"/> order, skip ones already seen.</summary>
    Task SessionUpdated(SessionUpdate update);
}

/// <summary>
/// <c>/hubs/verification</c>: live progress of verification sessions for pages and apps. A client joins one
/// session it owns and gets every step after the one it last saw — so a reconnecting client catches up from the
/// stored steps and misses nothing. Updates come from wherever they are produced through <c>IHubContext</c>.
/// </summary>
[Authorize]
public sealed class VerificationHub(IDbContextFactory<AppDbContext> dbFactory) : Hub<IVerificationClient>
{
    public const string Path = "/hubs/verification";

    public static string Group(Guid sessionId) => $"session:{sessionId:N}";

    /// <summary>Joins a session's updates; returns the stored steps after <paramref name="afterSequence"/> (0 for all).</summary>
    public async Task<IReadOnlyList<SessionUpdate>> Join(Guid sessionId, int afterSequence)
    {
        await using var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, Context.ConnectionAborted);
        if (session is null || session.UserId != Context.UserIdentifier)
        {
            // Same answer for "not yours" and "does not exist": no probing other people's sessions.
            throw new HubException("No such session.");
        }

        // Join first, then read: a step committed in between arrives twice (the client skips it), never zero times.
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(sessionId), Context.ConnectionAborted);
        var events = await db.SessionEvents.AsNoTracking()
            .Where(e => e.SessionId == sessionId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .ToListAsync(Context.ConnectionAborted);
        return events.Select(e => SessionUpdate.From(session, e)).ToList();
    }

    public Task Leave(Guid sessionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(sessionId));
}
