using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Realtime;

/// <summary>
/// A publisher that reaches every instance (ScaleOut's Redis channel). When one is registered, Realtime publishes
/// through it instead of in-process — chosen here, so no slice removes another's registration.
/// </summary>
public interface ISessionUpdateBackplane : ISessionUpdatePublisher;
