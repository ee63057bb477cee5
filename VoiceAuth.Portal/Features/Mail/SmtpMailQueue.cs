using System.Threading.Channels;

namespace VoiceAuth.Portal.Features.Mail;

/// <summary>
/// Accepts mails at once and leaves the SMTP conversation to <see cref="SmtpDelivery"/>, so a page that mails only
/// real accounts answers as fast for unknown ones. A mail lost in a restart is asked for again by the person.
/// </summary>
internal sealed class SmtpMailQueue(ILogger<SmtpMailQueue> logger) : IMailSender
{
    private readonly Channel<OutgoingMail> channel = Channel.CreateBounded<OutgoingMail>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<OutgoingMail> Reader => channel.Reader;

    public ValueTask SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (!channel.Writer.TryWrite(mail))
        {
            logger.LogWarning("The mail queue is full; a mail was dropped.");
        }

        return ValueTask.CompletedTask;
    }
}
