using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VoiceAuth.Portal.Features.Oidc;

/// <summary>
/// The authorization endpoint's decisions, after OpenIddict has validated the (pushed) request: who the person is —
/// named by the application (<c>login_hint</c>, only ever from a pushed request) or signed in at VoiceAuth — and,
/// when voice is asked for, a fresh phone call for this request whose pass is spent once to issue the code.
/// Anything that stops the call ends in an OIDC error at the application, never a page that waits forever.
/// </summary>
internal sealed partial class OidcSignIn(
    UserManager<ApplicationUser> users,
    IOpenIddictApplicationManager applications,
    VerificationService verification,
    PassedSessions passedSessions,
    IDbContextFactory<AppDbContext> dbFactory,
    VoiceStepTickets tickets,
    TimeProvider clock,
    ILogger<OidcSignIn> logger)
{
    /// <summary>The query parameter that brings a voice step's ticket back to the authorization endpoint.</summary>
    public const string VoiceStepParameter = "voice_step";

    public async Task<IResult> AuthorizeAsync(HttpContext http, OpenIddictRequest request)
    {
        // Browser-supplied parameters never reach `request` (OpenIddict restores the pushed one); this one is ours.
        if (tickets.Read(http.Request.Query[VoiceStepParameter]) is { } step && step.RequestUri == request.RequestUri && step.ClientId == request.ClientId)
        {
            return await FinishVoiceStepAsync(http, request, step);
        }

        var wantsVoice = request.HasAcrValue(VoiceAuthOidc.VoiceAcr);
        ApplicationUser? user;
        var withPassword = false;
        if (!string.IsNullOrEmpty(request.LoginHint))
        {
            // The application vouches for its own password step and names the person; VoiceAuth must then verify the
            // voice itself, whatever acr_values says — a name alone never gets a token.
            wantsVoice = true;
            user = await users.FindByEmailAsync(request.LoginHint.Trim());
            if (user is not { EmailConfirmed: true })
            {
                LogRefusedHint(request.ClientId);
                return Forbid(Errors.AccessDenied, "No VoiceAuth account with a confirmed e-mail address has that name.");
            }
        }
        else
        {
            var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal!) : null;
            if (user is null)
            {
                return request.HasPromptValue(PromptValues.None)
                    ? Forbid(Errors.LoginRequired, "The person is not signed in at VoiceAuth.")
                    : Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl(http) }, [IdentityConstants.ApplicationScheme]);
            }

            withPassword = true;
            if (!wantsVoice)
            {
                return SignIn(user, request, [VoiceAuthOidc.AmrPassword], acr: null, cookie.Properties?.IssuedUtc ?? clock.GetUtcNow());
            }
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return Forbid(Errors.InteractionRequired, "A voice verification needs the person to answer the phone.");
        }

        var displayName = await DisplayNameAsync(request.ClientId!);
        var started = await verification.StartAsync(user.Id, SessionPurpose.Verify, CancellationToken.None, client: displayName, oidcClientId: request.ClientId);
        if (started.SessionId is not { } sessionId)
        {
            return Refused(started.Refusal, started.Message);
        }

        var ticket = tickets.Issue(new VoiceStep(request.RequestUri!, request.ClientId!, sessionId, user.Id, withPassword));
        return Results.Redirect($"{VoiceAuthOidc.VoiceStepPath}?ticket={Uri.EscapeDataString(ticket)}");
    }

    private async Task<IResult> FinishVoiceStepAsync(HttpContext http, OpenIddictRequest request, VoiceStep step)
    {
        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
        var session = await db.Sessions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == step.SessionId && s.UserId == step.UserId && s.OidcClientId == step.ClientId, http.RequestAborted);
        if (session is null)
        {
            return Forbid(Errors.AccessDenied, "The voice verification was not found.");
        }

        if (!session.IsFinal)
        {
            // Back too early (a reload): keep following the call.
            return Results.Redirect($"{VoiceAuthOidc.VoiceStepPath}?ticket={Uri.EscapeDataString(http.Request.Query[VoiceStepParameter]!)}");
        }

        if (session.State != SessionState.Passed)
        {
            LogVoiceStepEnded(request.ClientId, session.State);
            return Refused(session.Reason is ReasonCode.NotEnrolled or ReasonCode.EngineMismatch ? session.Reason : null,
                SessionText.Describe(session.Purpose, session.State, session.Step, session.StepsNeeded, session.Reason));
        }

        // Spent once: the same pass cannot issue a second code, for this application or any other.
        // The sign-in's entry commits with the spend of the pass.
        if (await users.FindByIdAsync(step.UserId) is not { } user
            || !await passedSessions.SpendAsync(step.SessionId, s => s.UserId == step.UserId && s.OidcClientId == step.ClientId, http.RequestAborted,
                auditAs: spent => spent ? SignInAudit.Of(AuditKind.SignInVoice, user, SignInResult.Success) with { Application = session.Client ?? request.ClientId, Detail = "OpenID Connect" } : null))
        {
            return Forbid(Errors.AccessDenied, "This voice verification has been used already or is too old.");
        }

        string[] amr = step.WithPassword
            ? [VoiceAuthOidc.AmrPassword, VoiceAuthOidc.AmrTelephone, VoiceAuthOidc.AmrVoiceBiometric]
            : [VoiceAuthOidc.AmrTelephone, VoiceAuthOidc.AmrVoiceBiometric];
        LogVoiceStepPassed(request.ClientId);
        return SignIn(user, request, amr, VoiceAuthOidc.VoiceAcr, session.CompletedAt!.Value);
    }

    private static IResult SignIn(ApplicationUser user, OpenIddictRequest request, IReadOnlyList<string> amr, string? acr, DateTimeOffset authTime) =>
        Results.SignIn(OidcClaims.Create(user, request.GetScopes(), amr, acr, authTime), properties: null,
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>Nothing to check the voice against is an unmet requirement; everything else (locked, declined, failed) is a denial.</summary>
    private static IResult Refused(ReasonCode? reason, string? message) => Forbid(
        reason is ReasonCode.NotEnrolled or ReasonCode.EngineMismatch or ReasonCode.InvalidNumber ? Errors.UnmetAuthenticationRequirements : Errors.AccessDenied,
        message ?? "The voice verification did not pass.");

    public static IResult Forbid(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        // RFC 6749 allows only printable ASCII without '"' and '\' here.
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = new string(description.Where(c => c is >= ' ' and <= '~' and not '"' and not '\\').ToArray()),
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private async Task<string> DisplayNameAsync(string clientId) =>
        await applications.FindByClientIdAsync(clientId) is { } application ? await applications.GetDisplayNameAsync(application) ?? clientId : clientId;

    /// <summary>Back to this authorization request after signing in at VoiceAuth (client_id and request_uri are all it needs).</summary>
    private static string ReturnUrl(HttpContext http) => http.Request.PathBase + http.Request.Path
        + QueryString.Create(http.Request.Query.Where(q => q.Key != VoiceStepParameter).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "OIDC client {ClientId} named a person without a VoiceAuth account with a confirmed e-mail.")]
    private partial void LogRefusedHint(string? clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "OIDC client {ClientId}: the voice step ended {State}.")]
    private partial void LogVoiceStepEnded(string? clientId, SessionState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "OIDC client {ClientId}: the voice step passed; issuing a code.")]
    private partial void LogVoiceStepPassed(string? clientId);
}
