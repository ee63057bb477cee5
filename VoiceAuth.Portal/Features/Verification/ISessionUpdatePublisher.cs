namespace VoiceAuth.Portal.Features.Verification;

/// <summary>Delivers a committed progress step to whoever shows it (SignalR hub clients, open Blazor pages).</summary>
public interface ISessionUpdatePublisher
{
    Task PublishAsync(string userId, SessionUpdate update);
}
