namespace VoiceAuth.Portal.Features.Mail;

/// <summary>
/// Sends the portal's e-mails. Returns once the mail is accepted for delivery, not delivered: the answer a page gives
/// must not take longer for a real account (a mail to send) than for an unknown one.
/// </summary>
public interface IMailSender
{
    ValueTask SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
