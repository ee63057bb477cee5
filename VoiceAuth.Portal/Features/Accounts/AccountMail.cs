using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Mail;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// The account e-mails: confirm your address, reset your password, and "you already have an account" — what
/// registration sends instead of saying on the page that an address is taken.
/// </summary>
internal sealed class AccountMail(
    UserManager<ApplicationUser> users,
    IMailSender sender,
    IOptions<MailOptions> options,
    NavigationManager navigation)
{
    public async Task SendConfirmationAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
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
    }

    /// <summary>
    /// Sent when someone registers an address that has an account. No confirmation link: the existing account may be
    /// someone else's, made with this address; the password reset proves the mailbox and gives the account back.
    /// </summary>
    public async Task SendAlreadyRegisteredAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        await sender.SendAsync(new OutgoingMail(user.Email!, "You already have a VoiceAuth account",
            $"""
            Hello,

            Someone — probably you — tried to create a VoiceAuth account with this address, which already has one.

            Sign in: {Link("Account/Login")}
            Forgot your password, or did you never create this account? Reset the password: {Link("Account/ForgotPassword")}

            If it was not you, you can ignore this mail.
            """), cancellationToken);
    }

    public async Task SendPasswordResetAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        await sender.SendAsync(new OutgoingMail(user.Email!, "Reset your VoiceAuth password",
            $"""
            Hello,

            To choose a new password, open this link:
            {Link("Account/ResetPassword", ("code", code))}

            If you did not ask for this, ignore this mail: your password stays as it is.
            """), cancellationToken);
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
