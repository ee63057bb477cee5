using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.Api;

/// <summary>Body of <c>POST /api/v1/verifications</c>: whom to call (their VoiceAuth account's e-mail).</summary>
public sealed record StartVerificationRequest(string? Email);

/// <summary>Where a verification stands, for the calling application's login page.</summary>
/// <param name="State">calling, ringing, answered, recording, checking, passed, failed, noanswer, busy, voicemail, declined, canceled, error, expired.</param>
/// <param name="Message">The step in plain words, ready to show the person.</param>
/// <param name="Code">Until the person has keyed it on the phone: the code to show them (nothing is recorded before).</param>
/// <param name="Events">Steps after the <c>after</c> sequence number the request gave, oldest first.</param>
public sealed record VerificationStatus(
    Guid Id,
    string State,
    bool Final,
    bool Passed,
    int Step,
    int StepsNeeded,
    string? ScoreBand,
    string? Reason,
    string Message,
    string? Code,
    bool Redeemed,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<VerificationStep> Events);

/// <summary>One step of the call, as the portal's own page shows it.</summary>
public sealed record VerificationStep(int Sequence, string State, int Step, int StepsNeeded, string? ScoreBand, string? Reason, string Message, DateTimeOffset At)
{
    public static VerificationStep From(SessionUpdate u) =>
        new(u.Sequence, Name(u.State), u.Step, u.StepsNeeded, u.ScoreBand, u.Reason?.ToString(), u.Message, u.At);

    /// <summary>States in lower case, as the API's clients compare them.</summary>
    public static string Name(SessionState state) => state.ToString().ToLowerInvariant();
}

/// <summary>Answer to a successful redeem: this passed verification is now spent.</summary>
public sealed record RedeemedVerification(Guid Id, string Email, DateTimeOffset CompletedAt);
