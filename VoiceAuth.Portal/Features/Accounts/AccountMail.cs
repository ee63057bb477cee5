using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Mail;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// The account e-mails: confirm your address, reset your password, and "you already have an account" — what
/// registration sends instead of saying on the page that an address is taken.
/// Each one sent, and each one refused because the address has had <see cref="AccountsOptions.MailsPerAddressPerHour"/>
/// in the last hour, writes an audit entry; those entries are the count, so the limit holds across instances and restarts.
/// </summary>
/// <remarks>
/// Each method returns null when the mail was sent, or the refusal in plain words. Pages that must not tell whether an
/// address has an account (registration, forgot password) show the same page either way, which states the limit.
/// </remarks>
internal sealed class AccountMail(
    UserManager<ApplicationUser> users,
    IMailSender sender,
    IOptions<MailOptions> options,
    IOptions<AccountsOptions> accounts,
    IDbContextFactory<AppDbContext> dbFactory,
    IAuditLog audit,
    TimeProvider clock,
    NavigationManager navigation)
{
    private const string Sent = "Sent";
    private const string Refused = "Refused";

    public async Task<string?> SendConfirmationAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        if (await ReserveAsync(user, "confirmation", cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link("Account/ConfirmEmail", ("userId", user.Id), ("code", code));
        await sender.SendAsync(new OutgoingMail(user.Email!, "Confirm your e-mail address for VoiceAuth",
            $"""
            Hello,

            To confirm that this address is yours, open this link:
            {link}

            Then sign in and enroll your voice. Until the address is confirmed, VoiceAuth does not call you and no
            application can ask for your voice.

            If you did not create a VoiceAuth account, do not open the link; ignore this mail.
            """), cancellationToken);
        return null;
    }

    /// <summary>
    /// Sent when someone registers an address that has an account. No confirmation link: the existing account may be
    /// someone else's, made with this address; the password reset proves the mailbox and gives the account back.
    /// </summary>
    public async Task<string?> SendAlreadyRegisteredAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        if (await ReserveAsync(user, "already registered", cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await sender.SendAsync(new OutgoingMail(user.Email!, "You already have a VoiceAuth account",
            $"""
            Hello,

            Someone — probably you — tried to create a VoiceAuth account with this address, which already has one.

            Sign in: {Link("Account/Login")}
            Forgot your password, or did you never create this account? Reset the password: {Link("Account/ForgotPassword")}

            If it was not you, you can ignore this mail.
            """), cancellationToken);
        return null;
    }

    public async Task<string?> SendPasswordResetAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        if (await ReserveAsync(user, "password reset", cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        await sender.SendAsync(new OutgoingMail(user.Email!, "Reset your VoiceAuth password",
            $"""
            Hello,

            To choose a new password, open this link:
            {Link("Account/ResetPassword", ("code", code))}

            If you did not ask for this, ignore this mail: your password stays as it is.
            """), cancellationToken);
        return null;
    }

    /// <summary>
    /// Counts the mails sent to this account in the last hour and writes the entry for this one: sent (written before
    /// the mail leaves, so a second request counts it) or refused. Null when the mail may go.
    /// </summary>
    /// <remarks>
    /// The count and the entry are one transaction that holds the account's turn, so two requests at the same moment
    /// cannot both read "one left": on SQLite, inside this process's write turn and a BEGIN IMMEDIATE transaction
    /// (the database's write lock, from the first read); on SQL Server, behind an exclusive application lock on the
    /// account taken at the start of the transaction (serialising only this account's mails, without the deadlocks a
    /// serializable range read followed by an insert would cause between two requests).
    /// </remarks>
    private async Task<string?> ReserveAsync(ApplicationUser user, string what, CancellationToken cancellationToken)
    {
        var perHour = accounts.Value.MailsPerAddressPerHour;
        var now = clock.GetUtcNow();
        var since = now - TimeSpan.FromHours(1);
        List<DateTimeOffset> recent = [];
        var refused = false;
        await using (var outer = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // A retried attempt (SQL Server's transient faults) starts again on a fresh context: nothing staged twice.
            await outer.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await db.WriteAsync(async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    if (db.Database.IsSqlServer())
                    {
                        await db.Database.ExecuteSqlAsync(
                            $"EXEC sp_getapplock @Resource = {"VoiceAuth.AccountMail:" + user.Id}, @LockMode = 'Exclusive', @LockOwner = 'Transaction'",
                            cancellationToken);
                    }

                    // By account, not by typed address: the account's address is the mailbox that receives them.
                    recent = await db.AuditEntries.AsNoTracking()
                        .Where(e => e.SubjectUserId == user.Id && e.Kind == AuditKind.AccountMail && e.Outcome == Sent && e.At > since)
                        .OrderByDescending(e => e.At).Select(e => e.At).Take(perHour).ToListAsync(cancellationToken);
                    refused = recent.Count >= perHour;
                    audit.Add(db, new AuditEvent(AuditKind.AccountMail, user.Id, refused ? Refused : Sent)
                    {
                        SubjectEmail = user.Email,
                        Detail = refused ? $"{what} mail not sent: {perHour} sent to this address in the last hour" : $"{what} mail",
                    });
                    var saved = await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return saved;
                }, cancellationToken);
            });
        }

        if (!refused)
        {
            return null;
        }

        var retryAt = recent[^1] + TimeSpan.FromHours(1); // when the oldest counted mail leaves the hour
        return $"We have sent {perHour} e-mails to this address in the last hour, which is as many as we send. "
            + $"The links in them still work; if none has arrived, check the spam folder, or ask again after {retryAt:HH:mm} UTC.";
    }

    /// <summary>Identity's tokens hold characters that do not survive a URL: send them Base64url-encoded.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        try
        {
            return code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Link(string path, params (string Name, string Value)[] query)
    {
        // The configured public address when there is one: the request's Host header is whatever the asker sent.
        var configured = options.Value.LinkBaseUrl;
        var baseUri = new Uri(string.IsNullOrWhiteSpace(configured) ? navigation.BaseUri : configured.TrimEnd('/') + "/");
        var relative = query.Aggregate(path, (url, q) => QueryHelpers.AddQueryString(url, q.Name, q.Value));
        return new Uri(baseUri, relative).ToString();
    }
}
