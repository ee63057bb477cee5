using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Telemetry;

namespace VoiceAuth.Portal.Features.Api;

/// <summary>
/// The HTTP API other applications' login pages use: start a verification call for one of their users, follow it
/// (long polling), and redeem a passed result exactly once. Every session belongs to the client that started it.
/// </summary>
internal static class VerificationApi
{
    public static RouteGroupBuilder MapVerificationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/verifications").AddEndpointFilter<ApiKeyFilter>()
            .AddEndpointFilter(new ApiTelemetryFilter(ApiKeyFilter.Client)).DisableAntiforgery()
            .WithTags("Verifications").ProducesProblem(StatusCodes.Status401Unauthorized);
        // The budget is one shared limiter: resolved as the singleton (AddEndpointFilter<T> would make one per request).
        api.MapPost("", StartAsync).AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<ApiCallBudget>().InvokeAsync(context, next))
            .WithName("StartVerification").WithSummary("Call a person to verify their voice.")
            .Produces<VerificationStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("{id:guid}", GetAsync)
            .WithName("GetVerification").WithSummary("Where the call stands; with 'wait', waits for the step after 'after'.")
            .Produces<VerificationStatus>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("{id:guid}/redeem", RedeemAsync)
            .WithName("RedeemVerification").WithSummary("Spend a passed verification: succeeds once.")
            .Produces<RedeemedVerification>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("{id:guid}", CancelAsync)
            .WithName("CancelVerification").WithSummary("The person gave up: hang up the call.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> StartAsync(HttpContext http, StartVerificationRequest? body, UserManager<ApplicationUser> users,
        VerificationService verification, IDbContextFactory<AppDbContext> dbFactory, SessionNotifier notifier, ApiStartRefusals refusals)
    {
        var client = ApiKeyFilter.Client(http);
        if (string.IsNullOrWhiteSpace(body?.Email) || body.Email.Length > 256)
        {
            await refusals.RecordAsync(client, "BadRequest", subject: null);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Say whom to call.",
                detail: "Send a JSON body with the e-mail of the person's VoiceAuth account: {\"email\": \"...\"}.");
        }

        var user = await users.FindByEmailAsync(body.Email.Trim());
        if (user is null || user.LockoutEnd == DateTimeOffset.MaxValue) // disabled by an administrator: answered like no account
        {
            // The administrator's trail tells the cases apart; the answer does not. An unknown address is not recorded.
            await refusals.RecordAsync(client, user is null ? "UnknownAccount" : "AccountDisabled", user);
            return NoOneToCall();
        }

        // Not cancelled with the request: once the carrier is asked, the session must record the outcome.
        var started = await verification.StartAsync(user.Id, SessionPurpose.Verify, CancellationToken.None, client);
        if (started.SessionId is not { } id)
        {
            if (started.RetryAfter is { } retryAfter)
            {
                await refusals.RecordAsync(client, "Busy", user);
                // At capacity: no call can be finished now; a well-behaved client comes back after Retry-After.
                http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No call was placed.", detail: started.Message,
                    extensions: new Dictionary<string, object?> { ["reason"] = "Busy", ["retryAfterSeconds"] = (int)retryAfter.TotalSeconds });
            }

            var reason = started.Refusal ?? ReasonCode.InternalError;
            await refusals.RecordAsync(client, reason.ToString(), user);
            if (reason is ReasonCode.EmailNotConfirmed or ReasonCode.NotEnrolled or ReasonCode.EngineMismatch or ReasonCode.InvalidNumber or ReasonCode.NumberNotConfirmed)
            {
                return NoOneToCall();
            }

            return Results.Problem(statusCode: reason == ReasonCode.RateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status409Conflict,
                title: "No call was placed.", detail: started.Message,
                extensions: new Dictionary<string, object?> { ["reason"] = reason.ToString() });
        }

        var status = await StatusAsync(dbFactory, notifier, client, id, after: 0, wait: TimeSpan.Zero, http.RequestAborted);
        return Results.Accepted($"/api/v1/verifications/{id}", status);
    }

    private static async Task<IResult> GetAsync(HttpContext http, Guid id, int? after, int? wait,
        IDbContextFactory<AppDbContext> dbFactory, SessionNotifier notifier, IOptions<ApiOptions> options)
    {
        var seconds = Math.Clamp(wait ?? 0, 0, options.Value.MaxWaitSeconds);
        var status = await StatusAsync(dbFactory, notifier, ApiKeyFilter.Client(http), id, Math.Max(after ?? 0, 0), TimeSpan.FromSeconds(seconds), http.RequestAborted);
        return status is null ? NotFound() : Results.Ok(status);
    }

    private static async Task<IResult> RedeemAsync(HttpContext http, Guid id, IDbContextFactory<AppDbContext> dbFactory, PassedSessions passedSessions)
    {
        var client = ApiKeyFilter.Client(http);
        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == id && s.Client == client)
            .Select(s => new { s.UserId, Email = db.Users.Where(u => u.Id == s.UserId).Select(u => u.Email).Single() })
            .SingleOrDefaultAsync(http.RequestAborted);
        if (session is null)
        {
            return NotFound();
        }

        // The entry commits in the spend's transaction: a redeem and its trace, or neither.
        var spent = await passedSessions.SpendAsync(id, s => s.Client == client, http.RequestAborted,
            auditAs: spent => new AuditEvent(AuditKind.ApiRedeem, session.UserId, spent ? "Succeeded" : "Refused")
                { SubjectEmail = session.Email, Application = client, Detail = $"session {id}" });
        var after = await db.Sessions.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.State, s.ConsumedAt, s.CompletedAt })
            .SingleAsync(http.RequestAborted);
        if (spent)
        {
            return Results.Ok(new RedeemedVerification(id, session.Email!, after.CompletedAt!.Value));
        }

        var why = after.State != SessionState.Passed ? $"The verification has not passed (it is {VerificationStep.Name(after.State)})."
            : after.ConsumedAt is not null ? "This verification has been redeemed already; each one opens one sign-in."
            : "The verification passed too long ago; start a new one.";
        return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not redeemable.", detail: why);
    }

    private static async Task<IResult> CancelAsync(HttpContext http, Guid id, IDbContextFactory<AppDbContext> dbFactory, VerificationService verification)
    {
        var client = ApiKeyFilter.Client(http);
        string? userId;
        await using (var db = await dbFactory.CreateDbContextAsync(http.RequestAborted))
        {
            userId = await db.Sessions.Where(s => s.Id == id && s.Client == client).Select(s => s.UserId).SingleOrDefaultAsync(http.RequestAborted);
        }

        if (userId is null)
        {
            return NotFound();
        }

        await verification.CancelAsync(userId, id, http.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>The session as its client sees it; with a wait, holds until a step after <paramref name="after"/> exists.</summary>
    private static async Task<VerificationStatus?> StatusAsync(IDbContextFactory<AppDbContext> dbFactory, SessionNotifier notifier,
        string client, Guid id, int after, TimeSpan wait, CancellationToken cancellationToken)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Subscribe before reading, so a step committed between the read and the wait is not missed.
        using var subscription = wait > TimeSpan.Zero ? notifier.Subscribe(id, _ => { changed.TrySetResult(); return Task.CompletedTask; }) : null;
        var status = await ReadAsync(dbFactory, client, id, after, cancellationToken);
        if (status is null || status.Final || status.Events.Count > 0 || wait <= TimeSpan.Zero)
        {
            return status;
        }

        try
        {
            await changed.Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return status;
        }

        return await ReadAsync(dbFactory, client, id, after, cancellationToken);
    }

    private static async Task<VerificationStatus?> ReadAsync(IDbContextFactory<AppDbContext> dbFactory, string client, Guid id, int after, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.Client == client, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var events = await db.SessionEvents.AsNoTracking().Where(e => e.SessionId == id && e.Sequence > after)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var steps = events.Select(e => VerificationStep.From(SessionUpdate.From(session, e))).ToList();
        return new VerificationStatus(session.Id, VerificationStep.Name(session.State), session.IsFinal, session.State == SessionState.Passed,
            session.Step, session.StepsNeeded, ScoreBands.Describe(session.Score), session.Reason?.ToString(),
            SessionText.Describe(session.Purpose, session.State, session.Step, session.StepsNeeded, session.Reason),
            SessionUpdate.CodeFor(session, session.State), session.ConsumedAt is not null, session.CreatedAt, session.ExpiresAt, session.CompletedAt, steps);
    }

    /// <summary>
    /// One answer for "no account", "not confirmed" and "not enrolled": an application learns that it cannot verify
    /// this person by voice, not whether the address has an account here.
    /// </summary>
    private static IResult NoOneToCall() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No one to call.",
        detail: "No enrolled VoiceAuth account has that e-mail address. The person can register and enroll their voice at VoiceAuth.",
        extensions: new Dictionary<string, object?> { ["reason"] = nameof(ReasonCode.NotEnrolled) });

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such verification.",
        detail: "There is no verification with that id for this application.");
}
