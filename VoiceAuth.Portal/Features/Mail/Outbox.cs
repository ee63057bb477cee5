namespace VoiceAuth.Portal.Features.Mail;

/// <summary>
/// The development sender: keeps the last mails in memory for the outbox page (<c>/dev/outbox</c>) instead of sending
/// them. Registered only in Development without an SMTP server, so it never holds anyone's real links in production.
/// </summary>
public sealed class Outbox(TimeProvider clock) : IMailSender
{
    public const string Path = "/dev/outbox";
    private const int Capacity = 100;
    private readonly LinkedList<OutboxEntry> entries = new();

    /// <summary>Newest first.</summary>
    public IReadOnlyList<OutboxEntry> Entries
    {
        get
        {
            lock (entries)
            {
                return entries.ToList();
            }
        }
    }

    public ValueTask SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        lock (entries)
        {
            entries.AddFirst(new OutboxEntry(mail, clock.GetUtcNow()));
            if (entries.Count > Capacity)
            {
                entries.RemoveLast();
            }
        }

        return ValueTask.CompletedTask;
    }
}
