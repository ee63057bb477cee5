using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace VoiceAuth.Portal.Features.Mail;

/// <summary>Delivers queued mails through the configured SMTP server (MailKit), one connection per mail.</summary>
internal sealed partial class SmtpDelivery(SmtpMailQueue queue, IOptions<MailOptions> options, ILogger<SmtpDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await DeliverAsync(mail, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The body holds a one-time link: log the failure, never the mail.
                LogFailed(e.GetType().Name, e.Message);
            }
        }
    }

    public async Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var client = new SmtpClient();
        var security = o.Smtp.Security switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(o.Smtp.Host, o.Smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(o.Smtp.UserName))
        {
            await client.AuthenticateAsync(o.Smtp.UserName, o.Smtp.Password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent an account e-mail.")]
    private partial void LogSent();

    [LoggerMessage(Level = LogLevel.Warning, Message = "An account e-mail could not be sent: {Error}: {Detail}")]
    private partial void LogFailed(string error, string detail);
}
