namespace VoiceAuth.Portal.Features.Mail;

/// <summary>One mail as the development outbox shows it.</summary>
public sealed record OutboxEntry(OutgoingMail Mail, DateTimeOffset SentAt);
