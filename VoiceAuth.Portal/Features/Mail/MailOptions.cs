using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Features.Mail;

/// <summary>
/// Section <c>Mail</c>: how the account e-mails (confirmation, password reset) leave the portal. Without
/// <c>Mail:Smtp:Host</c> they go to the development outbox page, which exists only in the Development environment;
/// anywhere else the portal refuses to start without a sender.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The sender address, e.g. <c>voiceauth@example.com</c>.</summary>
    public string From { get; set; } = "voiceauth@localhost";

    public string FromName { get; set; } = "VoiceAuth";

    /// <summary>
    /// The portal's public address for the links in e-mails (e.g. <c>https://voiceauth.example.com</c>). Required with
    /// SMTP: a link built from the request's Host header could be pointed at another site by whoever asks for the mail.
    /// </summary>
    public string LinkBaseUrl { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

internal sealed class MailOptionsValidator(IHostEnvironment environment) : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        List<string> failures = [];
        if (!MailAddress.TryCreate(options.From, out _))
        {
            failures.Add($"Mail:From must be an e-mail address (was '{options.From}').");
        }

        if (!options.UsesSmtp)
        {
            if (!environment.IsDevelopment())
            {
                failures.Add("Mail:Smtp:Host is required outside Development: account e-mails (confirmation, password reset) need "
                    + "an SMTP server (also set Mail:From, Mail:LinkBaseUrl, and Mail:Smtp:UserName/Password if it asks for them).");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (options.Smtp.Port is < 1 or > 65535)
        {
            failures.Add($"Mail:Smtp:Port must be between 1 and 65535 (was {options.Smtp.Port}).");
        }

        if (!Uri.TryCreate(options.LinkBaseUrl, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http"))
        {
            failures.Add("Mail:LinkBaseUrl must be the portal's public address, e.g. https://voiceauth.example.com, when Mail:Smtp:Host is set.");
        }

        if (string.IsNullOrEmpty(options.Smtp.UserName) != string.IsNullOrEmpty(options.Smtp.Password))
        {
            failures.Add("Mail:Smtp:UserName and Mail:Smtp:Password go together: set both or neither.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
