using Microsoft.AspNetCore.SignalR;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Realtime;

/// <summary>
/// Single-instance delivery: hub clients through <see cref="IHubContext{THub,T}"/> and open Blazor pages through
/// the in-process <see cref="SessionNotifier"/>. (With Redis configured, <see cref="RedisSessionUpdatePublisher"/>
/// replaces it so pages on every instance hear every step.)
/// </summary>
internal sealed class SessionUpdatePublisher(IHubContext<VerificationHub, IVerificationClient> hub, SessionNotifier notifier)
    : ISessionUpdatePublisher
{
    public async Task PublishAsync(string userId, SessionUpdate update)
    {
        await hub.Clients.Group(VerificationHub.Group(update.SessionId)).SessionUpdated(update);
        await notifier.NotifyAsync(update);
    }
}
