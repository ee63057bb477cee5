using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Biometrics.Local;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Capacity;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// The toll-fraud and harassment limits every call must pass before it is placed: per person, per number (across
/// accounts — a number someone else typed in cannot be rung more often than its owner's would be), per requesting
/// address, and portal-wide (live calls and calls per hour). A placement the carrier never took (Twilio unreachable,
/// create-call refused) has no CallSid and is not counted: the person is not charged for our outage.
/// Every refusal says when to try again and is logged with the number masked.
/// </summary>
public sealed partial class CallLimits(IOptionsMonitor<VerificationOptions> options, CallAdmission admission, CallLoad load, EngineWarmUp warmUp,
    TimeProvider clock, ILogger<CallLimits> logger)
{
    /// <summary>Retry-After while the engine warms: the warm-up takes a second or two, and a load balancer moves callers elsewhere meanwhile.</summary>
    internal static readonly TimeSpan WarmingRetry = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Admission control, asked before the other limits: a call whose recordings could not be scored in time fails,
    /// and slows the rest. Under overload most requests end here, so it reads no table (<see cref="CallLoad"/>),
    /// writes nothing and calls no carrier. Null when admitted (and then counted as live until the next read).
    /// </summary>
    /// <param name="caller">Who asks (a user id): places go to those turned away earlier first (<see cref="WaitingLine"/>).</param>
    public async Task<StartResult?> CheckCapacityAsync(CancellationToken cancellationToken, string? caller = null)
    {
        if (warmUp.IsWarming)
        {
            // Its recordings would wait behind the engine's one-time precomputation (EngineWarmUp); this instance is unready meanwhile.
            LogWarming();
            return StartResult.Refused(ReasonCode.RateLimited, $"VoiceAuth is starting. Try again in {WarmingRetry.TotalSeconds:0} s.") with { RetryAfter = WarmingRetry };
        }

        var (liveCalls, queueWait) = await load.ReadAsync(cancellationToken);
        if (admission.Refuse(liveCalls, queueWait, caller) is { } retryAfter)
        {
            LogBusy(retryAfter.TotalSeconds);
            return StartResult.Refused(ReasonCode.RateLimited, $"VoiceAuth is busy. Try again in {retryAfter.TotalSeconds:0} s.") with { RetryAfter = retryAfter };
        }

        load.Admitted();
        return null;
    }

    public async Task<StartResult?> CheckAsync(AppDbContext db, string userId, string number, string? requestedFrom, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromMinutes(o.CallWindowMinutes);
        var day = TimeSpan.FromDays(1);
        var hour = TimeSpan.FromHours(1);
        var (dayStart, hourStart) = (now - day, now - hour);

        // Charged: the carrier took the call, or the placement is still in flight.
        var charged = db.Sessions.Where(s => s.CreatedAt > dayStart && (s.CallSid != null || SessionStates.Live.Contains(s.State)));

        var byPerson = await charged.Where(s => s.UserId == userId).Select(s => s.CreatedAt).ToListAsync(cancellationToken);
        if (Over(byPerson, now, window, o.CallsPerWindow, day, o.CallsPerDay) is { } personRetry)
        {
            return Refuse("person", number, personRetry, "You have asked for several calls in a short time.");
        }

        var byNumber = await charged.Where(s => s.CalledNumber == number).Select(s => s.CreatedAt).ToListAsync(cancellationToken);
        if (Over(byNumber, now, window, o.CallsPerWindow, day, o.CallsPerDay) is { } numberRetry)
        {
            return Refuse("number", number, numberRetry, "This phone number has been called several times in a short time.");
        }

        if (requestedFrom is not null)
        {
            var byAddress = await charged.Where(s => s.RequestedFrom == requestedFrom && s.CreatedAt > hourStart).Select(s => s.CreatedAt).ToListAsync(cancellationToken);
            if (Over(byAddress, now, hour, o.CallsPerAddressPerHour, day, int.MaxValue) is { } addressRetry)
            {
                return Refuse("address", number, addressRetry, "Many calls have been asked for from your network in the last hour.");
            }
        }

        var liveCalls = await db.Sessions.CountAsync(s => SessionStates.Live.Contains(s.State) && s.ExpiresAt > now, cancellationToken);
        if (liveCalls >= o.MaxActiveCalls)
        {
            return Refuse("portal live calls", number, now.AddMinutes(1), "VoiceAuth is very busy right now.");
        }

        var lastHour = await charged.Where(s => s.CreatedAt > hourStart).Select(s => s.CreatedAt).ToListAsync(cancellationToken);
        if (Over(lastHour, now, hour, o.CallsPerHour, day, int.MaxValue) is { } globalRetry)
        {
            return Refuse("portal calls per hour", number, globalRetry, "VoiceAuth has placed as many calls as it may this hour.");
        }

        return null;
    }

    /// <summary>When the limit is reached, the moment the oldest counted call leaves its window (then one more call fits).</summary>
    private static DateTimeOffset? Over(List<DateTimeOffset> times, DateTimeOffset now, TimeSpan window, int perWindow, TimeSpan day, int perDay)
    {
        var inWindow = times.Where(t => t > now - window).Order().ToList();
        if (inWindow.Count >= perWindow)
        {
            return inWindow[inWindow.Count - perWindow] + window;
        }

        var inDay = times.Order().ToList();
        return inDay.Count >= perDay ? inDay[inDay.Count - perDay] + day : null;
    }

    private StartResult Refuse(string scope, string number, DateTimeOffset retryAt, string why)
    {
        LogRefused(scope, PhoneNumberValidator.Mask(number), retryAt);
        return StartResult.Refused(ReasonCode.RateLimited, $"{why} No call was placed. Try again {RetryIn(retryAt - clock.GetUtcNow())}.");
    }

    /// <summary>"in 7 minutes", "in 1 minute", "in 3 hours": rounded up, so trying at that moment works.</summary>
    internal static string RetryIn(TimeSpan wait) => wait.TotalMinutes switch
    {
        <= 1 => "in 1 minute",
        <= 90 => $"in {Math.Ceiling(wait.TotalMinutes):0} minutes",
        _ => $"in {Math.Ceiling(wait.TotalHours):0} hours",
    };

    // Debug: under overload there is one per request; voiceauth.verification.requests{voiceauth.result=Busy} counts them.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a call: at capacity, retry after {Seconds:0} s.")]
    private partial void LogBusy(double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a call: the voice engine is still warming up.")]
    private partial void LogWarming();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call to {Number}: {Scope} limit reached until {RetryAt:u}.")]
    private partial void LogRefused(string scope, string number, DateTimeOffset retryAt);
}
