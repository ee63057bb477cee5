using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.Admin.Dashboard;

/// <summary>
/// The calls of one UTC day with one purpose and one final state: how many, and the seconds on the phone of those
/// answered. The dashboard is sums of these, so a day can be re-read alone and put back in place.
/// </summary>
public sealed record CallBucket(DateOnly Day, SessionPurpose Purpose, SessionState State, long Calls, long Answered, long TalkSeconds);
